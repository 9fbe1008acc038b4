using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Labels;
using GaLaAid.Api.Stock;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Handovers;

public sealed record HandoverLineInput
{
    public string? ItemId { get; init; }
    public string? LabelCode { get; init; }
    public int? Quantity { get; init; }
}

public sealed record RecordHandoverInput
{
    public string? RecipientId { get; init; }
    public string? ReceivedBy { get; init; }
    public DateTime? HandedOverAt { get; init; }
    public string? Location { get; init; }
    public string? Note { get; init; }
    public List<HandoverLineInput>? Lines { get; init; }
    public string? IdempotencyKey { get; init; }
}

public sealed class HandoverLineInputType : InputObjectGraphType<HandoverLineInput>
{
    public HandoverLineInputType()
    {
        Name = "HandoverLineInput";
        Description = "One item handed over, named by its id or its label code (exactly one of the two).";
        Field<IdGraphType>("itemId").Description("The item's global id.");
        Field<StringGraphType>("labelCode").Description("The item's label code, in any case, with or without dashes.");
        Field<IntGraphType>("quantity").Description("How much of a lot to hand over; a per-unit item is always 1. Default 1.");
    }
}

public sealed class RecordHandoverInputType : InputObjectGraphType<RecordHandoverInput>
{
    public RecordHandoverInputType()
    {
        Name = "RecordHandoverInput";
        Description = "Goods given to one recipient.";
        Field<NonNullGraphType<IdGraphType>>("recipientId").Description("Who receives the goods.");
        Field<NonNullGraphType<StringGraphType>>("receivedBy").Description("The name of the person taking the goods, at most 100 characters.");
        Field<DateTimeGraphType>("handedOverAt").Description("When the goods changed hands; default now. Not in the future.");
        Field<StringGraphType>("location").Description("Where, at most 200 characters.");
        Field<StringGraphType>("note").Description("Free-text note, at most 1000 characters.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HandoverLineInputType>>>>("lines")
            .Description($"The items handed over, 1 to {RecordHandover.MaxLines}, each item at most once.");
        Field<StringGraphType>("idempotencyKey")
            .Description($"A key the client makes once per intended handover ({RecordHandover.MinIdempotencyKeyLength} to {RecordHandover.MaxIdempotencyKeyLength} letters, digits or . _ : -), e.g. a random UUID. Resending the same input with the same key returns the handover recorded first and writes nothing; the same key with different input is refused with IDEMPOTENCY_KEY_REUSED. Keys are kept per user.");
    }
}

public static partial class RecordHandover
{
    public const int MaxLines = 500;
    public const int MinIdempotencyKeyLength = 8;
    public const int MaxIdempotencyKeyLength = 100;

    public static void AddRecordHandover(this ObjectGraphType mutation) =>
        mutation.AddMutation<RecordHandoverInputType, RecordHandoverInput, HandoverType>(
            "recordHandover",
            "Records goods handed over to one recipient: the handover and one Distributed entry per item, in one transaction. Refused, with nothing written, when any item has too little on hand.",
            "handover",
            "The handover as stored.",
            [Role.Admin, Role.Staff, Role.Volunteer],
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken),
            typeof(InsufficientStockErrorType),
            typeof(LabelVoidedErrorType),
            typeof(IdempotencyKeyReusedErrorType));

    public static async Task<Handover> HandleAsync(AppDbContext db, CurrentActor actor, RecordHandoverInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var recipientId = check.Id("recipientId", input.RecipientId, "Recipient");
        var receivedBy = check.RequiredText("receivedBy", input.ReceivedBy, 100);
        var location = check.Text("location", input.Location, 200, required: false);
        var note = check.Text("note", input.Note, 1000, required: false);
        var handedOverAt = input.HandedOverAt?.ToUniversalTime() ?? actor.Now;
        check.Moment("handedOverAt", handedOverAt, actor.Now);
        var idempotencyKey = input.IdempotencyKey;
        if (idempotencyKey is not null && !IdempotencyKeyPattern().IsMatch(idempotencyKey))
        {
            check.Fail("idempotencyKey", $"'idempotencyKey' must be {MinIdempotencyKeyLength} to {MaxIdempotencyKeyLength} letters, digits or the characters . _ : - (a random UUID will do).");
        }

        var lines = input.Lines ?? [];
        if (lines.Count is 0 or > MaxLines)
        {
            check.Fail("lines", $"A handover needs 1 to {MaxLines} lines; {lines.Count} were given.");
        }

        var wanted = new List<(string Field, int? ItemId, string? Code, string Raw, int Quantity)>();
        foreach (var (line, index) in lines.Take(MaxLines).Select((line, index) => (line, index)))
        {
            var at = $"lines[{index}]";
            var quantity = line.Quantity ?? 1;
            check.Quantity($"{at}.quantity", quantity);
            if ((line.ItemId is null) == (line.LabelCode is null))
            {
                check.Fail(at, $"Name each item by exactly one of 'itemId' or 'labelCode' ({at}).");
            }
            else if (line.ItemId is not null)
            {
                wanted.Add((at, check.Id($"{at}.itemId", line.ItemId, "Item"), null, line.ItemId, quantity));
            }
            else if (LabelCode.TryNormalize(line.LabelCode, out var code))
            {
                wanted.Add((at, null, code, code, quantity));
            }
            else
            {
                check.Fail($"{at}.labelCode", "This is not a valid label code: check each character against the label (codes look like GL-7K3Q-9XWD).");
            }
        }

        check.ThrowIfAny();

        string? fingerprint = null;
        if (idempotencyKey is not null)
        {
            fingerprint = Fingerprint(recipientId, receivedBy, location, note, input.HandedOverAt?.ToUniversalTime(), wanted.Select(w => (w.ItemId, w.Code, w.Quantity)));
            if (await FirstWithKeyAsync(db, actor, idempotencyKey, fingerprint, cancellationToken) is { } first)
            {
                return first;
            }
        }

        try
        {
            return await RecordAsync();
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // Two requests with one key raced past the check above: the unique index let one of them
            // write, and this one was rolled back; answer with the handover the other one recorded.
            var first = await FirstWithKeyAsync(db, actor, idempotencyKey, fingerprint!, cancellationToken);
            if (first is null)
            {
                throw;
            }

            return first;
        }
        catch (DomainException) when (idempotencyKey is not null)
        {
            // A racing copy of this request may have committed between the check above and this
            // write, taking the stock this one was refused for: the client asked once, so it gets
            // that copy's handover rather than a refusal.
            var first = await FirstWithKeyAsync(db, actor, idempotencyKey, fingerprint!, cancellationToken);
            if (first is null)
            {
                throw;
            }

            return first;
        }

        async Task<Handover> RecordAsync()
        {
            // Recipients are never deleted, so one found now is still there at commit.
            if (!await RecipientExists(db, recipientId, cancellationToken))
            {
                throw new DomainException(new NotFoundError("recipientId", "Recipient", input.RecipientId!));
            }

            // Read before the write turn, so other writers do not wait for it; what another write
            // may change meanwhile (the quantity on hand, the label code) is checked again by the
            // guarded update inside the transaction.
            var lines = await ResolveLinesAsync(db, wanted, cancellationToken);
            return await db.RunAsync(() => WriteAsync(lines), cancellationToken);
        }

        async Task<Handover> WriteAsync(List<ResolvedLine> lines)
        {
            var handover = new Handover
            {
                RecipientId = recipientId,
                HandedOverBy = actor.Name,
                ReceivedBy = receivedBy,
                HandedOverAt = handedOverAt,
                Location = location,
                Note = note,
                RecordedBy = actor.Name,
                RecordedAt = actor.Now,
                IdempotencyKey = idempotencyKey,
                RequestFingerprint = fingerprint,
            };
            db.Handovers.Add(handover);
            // The entries point at the handover by its temporary key: EF inserts the handover first
            // and gives them its real id, all in the write's one save.
            var handoverId = (int)db.Entry(handover).Property(h => h.Id).CurrentValue;
            foreach (var line in lines)
            {
                await StockLedger.AppendAsync(
                    db, actor, line.Item, LedgerEntryKind.Distributed, -line.Quantity, cancellationToken,
                    handoverId: handoverId, labelAsRead: line.NamedByCode ? new LabelAsRead(line.Item.LabelCode, line.LabelField) : null);
            }

            return handover;
        }
    }

    /// <summary>One line of a handover, its item found and checked before the write.</summary>
    private sealed record ResolvedLine(StockItem Item, int Quantity, bool NamedByCode, string LabelField);

    /// <summary>Finds every line's item and refuses, with the reason for each line, what no write could accept.</summary>
    private static async Task<List<ResolvedLine>> ResolveLinesAsync(
        AppDbContext db, List<(string Field, int? ItemId, string? Code, string Raw, int Quantity)> wanted, CancellationToken cancellationToken)
    {
        var ids = wanted.Where(w => w.ItemId is not null).Select(w => w.ItemId!.Value).ToList();
        var codes = wanted.Where(w => w.Code is not null).Select(w => w.Code!).ToList();
        var items = wanted is [{ Code: { } onlyCode }]
            ? (await ItemByCode(db, onlyCode, cancellationToken) is { } found ? [found] : [])
            : await db.StockItems.AsNoTracking().Where(i => ids.Contains(i.Id) || codes.Contains(i.LabelCode)).ToListAsync(cancellationToken);
        var voided = await LabelLedger.FindVoidedAsync(db, codes.Except(items.Select(i => i.LabelCode)).ToList(), cancellationToken);
        var refusals = new InputCheck();
        var resolved = new List<ResolvedLine>();
        foreach (var w in wanted)
        {
            var item = items.FirstOrDefault(i => w.ItemId is { } id ? i.Id == id : i.LabelCode == w.Code);
            if (item is null && w.Code is not null && voided.TryGetValue(w.Code, out var voidedLabel))
            {
                refusals.Add(new LabelVoidedError($"{w.Field}.labelCode", voidedLabel));
                continue;
            }

            if (item is null)
            {
                refusals.Add(new NotFoundError(w.ItemId is null ? $"{w.Field}.labelCode" : $"{w.Field}.itemId", "Item", w.Raw));
                continue;
            }

            if (resolved.Any(r => r.Item.Id == item.Id))
            {
                refusals.Fail(w.Field, $"Item {item.LabelCode} is named twice in this handover; name each item once with its whole quantity.");
            }
            else if (item.Tracking == Donations.TrackingMode.PerUnit && w.Quantity != 1)
            {
                refusals.Fail($"{w.Field}.quantity", $"Item {item.LabelCode} is a single physical unit; its quantity is 1.");
            }

            resolved.Add(new ResolvedLine(item, w.Quantity, w.Code is not null, $"{w.Field}.labelCode"));
        }

        refusals.ThrowIfAny();
        return resolved;
    }

    private static readonly Func<AppDbContext, int, CancellationToken, Task<bool>> RecipientExists =
        EF.CompileAsyncQuery((AppDbContext db, int id, CancellationToken _) => db.Recipients.Any(r => r.Id == id));

    // A volunteer scanning one label is the common handover: one compiled query, nothing tracked.
    private static readonly Func<AppDbContext, string, CancellationToken, Task<StockItem?>> ItemByCode =
        EF.CompileAsyncQuery((AppDbContext db, string code, CancellationToken _) => db.StockItems.AsNoTracking().FirstOrDefault(i => i.LabelCode == code));

    private static readonly Func<AppDbContext, string, string, CancellationToken, Task<Handover?>> HandoverWithKey =
        EF.CompileAsyncQuery((AppDbContext db, string recordedBy, string key, CancellationToken _) =>
            db.Handovers.AsNoTracking().FirstOrDefault(h => h.RecordedBy == recordedBy && h.IdempotencyKey == key));

    /// <summary>The handover this user already recorded with this key, if any; refused when it was recorded for different input.</summary>
    private static async Task<Handover?> FirstWithKeyAsync(AppDbContext db, CurrentActor actor, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var first = await HandoverWithKey(db, actor.Name, key, cancellationToken);
        if (first is not null && first.RequestFingerprint != fingerprint)
        {
            throw new DomainException(new IdempotencyKeyReusedError("idempotencyKey"));
        }

        return first;
    }

    /// <summary>The normalised input as the client sent it; a default time ("now") counts as not given, so a resend matches.</summary>
    private static string Fingerprint(
        int recipientId, string receivedBy, string? location, string? note, DateTime? handedOverAt,
        IEnumerable<(int? ItemId, string? Code, int Quantity)> lines)
    {
        var text = new System.Text.StringBuilder();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        text.Append(invariant, $"{recipientId}\u001f{receivedBy}\u001f{location}\u001f{note}\u001f{handedOverAt?.Ticks}");
        foreach (var (itemId, code, quantity) in lines)
        {
            text.Append(invariant, $"\u001e{itemId}\u001f{code}\u001f{quantity}");
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._:-]{8,100}$")]
    private static partial System.Text.RegularExpressions.Regex IdempotencyKeyPattern();
}
