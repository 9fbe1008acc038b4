using System.Globalization;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Labels;

/// <summary>What one label shows: the item's code and, as entered, its line's text.</summary>
public sealed record LabelRow(
    int ItemId, string Code, string Name, string Category, int Quantity, string Unit, string Donor, DateOnly ReceivedOn);

public enum PageLanguage
{
    Chinese,
    English,
}

public enum LabelSelectionKind
{
    Donation,
    Items,
    Codes,
    Unprinted,
}

/// <summary>Which items to print: exactly one of a donation, a list of items, a list of codes, or everything not yet printed.</summary>
public sealed record LabelSelection(LabelSelectionKind Kind, int DonationId, IReadOnlyList<int> ItemIds, IReadOnlyList<string> Codes)
{
    /// <summary>How the print history describes the selection (the labels themselves are recorded one by one).</summary>
    public string Describe(string rawDonationId) => Kind switch
    {
        LabelSelectionKind.Donation => $"donationId={rawDonationId}",
        LabelSelectionKind.Items => string.Create(CultureInfo.InvariantCulture, $"itemIds: {ItemIds.Count} items"),
        LabelSelectionKind.Codes => string.Create(CultureInfo.InvariantCulture, $"codes: {Codes.Count} codes"),
        _ => "unprinted=true",
    };
}

/// <summary>A refused request: the status, a stable code and a message for the person printing.</summary>
public sealed record LabelPrintProblem(int Status, string Code, string Message);

/// <summary>A valid request to print labels, read from the query string.</summary>
public sealed record LabelPrintRequest(PrintLayout Layout, LabelSelection Selection, string SelectionText, bool Preview, PageLanguage Language)
{
    public const int MaxLabels = 5_000;

    private static readonly string[] SelectionKeys = ["donationId", "itemIds", "codes", "unprinted"];
    private static readonly string[] KnownKeys = [.. SelectionKeys, "layout", "preview", "lang"];

    public static (LabelPrintRequest? Request, LabelPrintProblem? Problem) Parse(HttpRequest http)
    {
        var query = http.Query;
        foreach (var key in KnownKeys)
        {
            if (query.TryGetValue(key, out var values) && values.Count > 1)
            {
                return Invalid("INVALID_SELECTION", $"'{key}' is given more than once; give it once.");
            }
        }

        var layoutName = Single(query, "layout");
        var layout = string.IsNullOrWhiteSpace(layoutName) ? PrintLayouts.A4ThreeByEight : PrintLayouts.Find(layoutName);
        if (layout is null)
        {
            return Invalid("INVALID_LAYOUT",
                $"There is no layout '{layoutName}'. Choose one of: {string.Join(", ", PrintLayouts.All.Select(l => l.Name))}.");
        }

        if (!TryFlag(query, "preview", out var preview))
        {
            return Invalid("INVALID_SELECTION", "'preview' must be true or false.");
        }

        var lang = Single(query, "lang");
        PageLanguage language;
        if (string.IsNullOrEmpty(lang))
        {
            language = FromAcceptLanguage(http);
        }
        else if (lang is "zh" or "en")
        {
            language = lang == "en" ? PageLanguage.English : PageLanguage.Chinese;
        }
        else
        {
            return Invalid("INVALID_SELECTION", "'lang' must be zh or en.");
        }

        var given = SelectionKeys.Where(key => query.ContainsKey(key)).ToList();
        if (given.Count != 1)
        {
            return Invalid("INVALID_SELECTION", given.Count == 0
                ? "Say which labels to print: donationId=<donation id>, itemIds=<id>,<id>…, codes=<code>,<code>… or unprinted=true."
                : $"Give exactly one of donationId, itemIds, codes and unprinted; this request gives {string.Join(" and ", given)}.");
        }

        var raw = Single(query, given[0]) ?? string.Empty;
        LabelSelection selection;
        switch (given[0])
        {
            case "donationId":
                if (!GlobalId.TryDecode(raw, out var type, out var donationId) || type != "InKindDonation" || donationId > int.MaxValue)
                {
                    return Invalid("INVALID_ID", "'donationId' is not the id of an in-kind donation returned by this API.");
                }

                selection = new LabelSelection(LabelSelectionKind.Donation, (int)donationId, [], []);
                break;
            case "itemIds":
                var ids = new List<int>();
                foreach (var part in Split(raw))
                {
                    if (!GlobalId.TryDecode(part, out var itemType, out var itemId) || itemType != "Item" || itemId > int.MaxValue)
                    {
                        return Invalid("INVALID_ID", $"'{Shorten(part)}' in 'itemIds' is not the id of an item returned by this API.");
                    }

                    ids.Add((int)itemId);
                }

                selection = new LabelSelection(LabelSelectionKind.Items, 0, ids.Distinct().ToList(), []);
                break;
            case "codes":
                var codes = new List<string>();
                foreach (var part in Split(raw))
                {
                    if (!LabelCode.TryNormalize(part, out var code))
                    {
                        return Invalid("INVALID_LABEL_CODE",
                            $"'{Shorten(part)}' in 'codes' is not a valid label code: check each character against the label (codes look like GL-7K3Q-9XWD).");
                    }

                    codes.Add(code);
                }

                selection = new LabelSelection(LabelSelectionKind.Codes, 0, [], codes.Distinct(StringComparer.Ordinal).ToList());
                break;
            default:
                if (raw != "true")
                {
                    return Invalid("INVALID_SELECTION", "'unprinted' can only be true: it selects every item whose label was never printed.");
                }

                selection = new LabelSelection(LabelSelectionKind.Unprinted, 0, [], []);
                break;
        }

        if (selection.Kind is LabelSelectionKind.Items or LabelSelectionKind.Codes
            && selection.ItemIds.Count + selection.Codes.Count is 0)
        {
            return Invalid("INVALID_SELECTION", $"'{given[0]}' lists nothing; separate the entries with commas.");
        }

        if (selection.ItemIds.Count > MaxLabels || selection.Codes.Count > MaxLabels)
        {
            return TooMany();
        }

        return (new LabelPrintRequest(layout, selection, selection.Describe(raw.Trim()), preview, language), null);
    }

    public static LabelPrintProblem TooManyLabels() => new(StatusCodes.Status400BadRequest, "TOO_MANY_LABELS",
        string.Create(CultureInfo.InvariantCulture, $"At most {MaxLabels:N0} labels can be printed at once; select fewer (e.g. one donation, or a list of items)."));

    private static (LabelPrintRequest?, LabelPrintProblem?) TooMany() => (null, TooManyLabels());

    private static (LabelPrintRequest?, LabelPrintProblem?) Invalid(string code, string message) =>
        (null, new LabelPrintProblem(StatusCodes.Status400BadRequest, code, message));

    private static string? Single(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values) ? values.ToString() : null;

    private static bool TryFlag(IQueryCollection query, string key, out bool value)
    {
        value = false;
        var raw = Single(query, key);
        if (raw is null)
        {
            return true;
        }

        return bool.TryParse(raw, out value);
    }

    private static string[] Split(string raw) =>
        raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>English when the browser prefers English to Chinese; Chinese otherwise.</summary>
    private static PageLanguage FromAcceptLanguage(HttpRequest http)
    {
        var preferred = http.GetTypedHeaders().AcceptLanguage
            .Where(l => (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? string.Empty)
            .FirstOrDefault(l => l.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return preferred?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? PageLanguage.English : PageLanguage.Chinese;
    }
}

/// <summary>Loads the labels a selection names, and records a printing in the append-only history.</summary>
public static class LabelSheet
{
    /// <summary>The selected labels in print order, or a problem (404 when something named does not exist, 400 when too many).</summary>
    public static async Task<(IReadOnlyList<LabelRow>? Rows, LabelPrintProblem? Problem)> LoadAsync(
        AppDbContext db, LabelSelection selection, CancellationToken cancellationToken)
    {
        var items = db.StockItems.AsQueryable();
        switch (selection.Kind)
        {
            case LabelSelectionKind.Donation:
                if (!await db.InKindDonations.AnyAsync(d => d.Id == selection.DonationId, cancellationToken))
                {
                    return (null, NotFound("There is no in-kind donation with this 'donationId'."));
                }

                items = items.Where(i => db.DonationLines.Any(l => l.Id == i.DonationLineId && l.DonationId == selection.DonationId));
                break;
            case LabelSelectionKind.Items:
                var ids = selection.ItemIds;
                items = items.Where(i => ids.Contains(i.Id));
                break;
            case LabelSelectionKind.Codes:
                var codes = selection.Codes;
                items = items.Where(i => codes.Contains(i.LabelCode));
                break;
            default:
                items = items.Where(i => !db.LabelPrints.Any(p => p.LabelCode == i.LabelCode));
                break;
        }

        var rows = await (
                from item in items
                join line in db.DonationLines on item.DonationLineId equals line.Id
                join donation in db.InKindDonations on line.DonationId equals donation.Id
                join donor in db.Donors on donation.DonorId equals donor.Id
                join category in db.Categories on line.CategoryId equals category.Id
                orderby item.Id
                select new LabelRow(item.Id, item.LabelCode, line.Description, category.Name, item.ReceivedQuantity, line.Unit, donor.Name, donation.ReceivedOn))
            .Take(LabelPrintRequest.MaxLabels + 1)
            .ToListAsync(cancellationToken);
        if (rows.Count > LabelPrintRequest.MaxLabels)
        {
            return (null, LabelPrintRequest.TooManyLabels());
        }

        switch (selection.Kind)
        {
            case LabelSelectionKind.Items:
            {
                var byId = rows.ToDictionary(r => r.ItemId);
                var missing = selection.ItemIds.Where(id => !byId.ContainsKey(id)).ToList();
                return missing.Count > 0
                    ? (null, NotFound($"{missing.Count} of the ids in 'itemIds' name no item, e.g. {GlobalId.Encode("Item", missing[0])}."))
                    : (selection.ItemIds.Select(id => byId[id]).ToList(), null);
            }

            case LabelSelectionKind.Codes:
            {
                var byCode = rows.ToDictionary(r => r.Code, StringComparer.Ordinal);
                var missing = selection.Codes.Where(code => !byCode.ContainsKey(code)).ToList();
                return missing.Count > 0
                    ? (null, NotFound($"{missing.Count} of the codes in 'codes' belong to no item, e.g. {missing[0]}."))
                    : (selection.Codes.Select(code => byCode[code]).ToList(), null);
            }

            default:
                return (rows, null);
        }
    }

    /// <summary>
    /// Appends the job and one record per label in one transaction. A label is a reprint when its
    /// code was printed before, which is decided inside the transaction, so two jobs racing for
    /// the same codes cannot both call them first prints.
    /// </summary>
    public static async Task<LabelPrintJob> RecordAsync(
        AppDbContext db,
        CurrentActor actor,
        LabelPrintRequest request,
        LabelPrintFormat format,
        IReadOnlyList<LabelRow> rows,
        CancellationToken cancellationToken)
    {
        db.Audit.Begin("printLabels", new
        {
            format = format.ToString().ToLowerInvariant(),
            layout = request.Layout.Name,
            selection = request.SelectionText,
            labelCodes = rows.Select(r => r.Code).ToList(),
        });
        try
        {
            return await db.RunAsync(
                async () =>
                {
                    var codes = rows.Select(r => r.Code).ToList();
                    var printedBefore = (await db.LabelPrints
                            .Where(p => codes.Contains(p.LabelCode))
                            .Select(p => p.LabelCode)
                            .Distinct()
                            .ToListAsync(cancellationToken))
                        .ToHashSet(StringComparer.Ordinal);
                    var job = new LabelPrintJob
                    {
                        PrintedBy = actor.Name,
                        PrintedAt = actor.Now,
                        Layout = request.Layout.Name,
                        Format = format,
                        Selection = request.SelectionText.Length <= 200 ? request.SelectionText : request.SelectionText[..200],
                        LabelCount = rows.Count,
                        ReprintCount = rows.Count(r => printedBefore.Contains(r.Code)),
                    };
                    db.LabelPrintJobs.Add(job);
                    await db.SaveChangesAsync(cancellationToken);
                    // A sheet of thousands of labels writes a row per label: inserted in bulk, audited row by row all the same.
                    var firstPrintId = await BulkInsert.ReserveIdsAsync<LabelPrint>(db, cancellationToken);
                    await BulkInsert.InsertAsync(db, rows.Select((r, index) => new LabelPrint
                    {
                        Id = firstPrintId + index,
                        JobId = job.Id,
                        StockItemId = r.ItemId,
                        LabelCode = r.Code,
                        IsReprint = printedBefore.Contains(r.Code),
                    }).ToList(), cancellationToken);
                    return job;
                },
                cancellationToken);
        }
        finally
        {
            db.Audit.End();
        }
    }

    private static LabelPrintProblem NotFound(string message) => new(StatusCodes.Status404NotFound, "NOT_FOUND", message);
}
