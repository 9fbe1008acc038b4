using System.Text;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using Microsoft.Net.Http.Headers;
using Serilog;

namespace GaLaAid.Api.Exports;

/// <summary><c>GET /exports</c> (the datasets the caller may export) and <c>GET /exports/{dataset}.csv|.xlsx</c>.</summary>
public static class ExportEndpoints
{
    // Ledger files and notices carry personal data; another site must not make a signed-in browser fetch them.
    private const string PersonalData = "Exports and notices are opened from this service's own pages or with an API key, not from another site.";

    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddExports(this IServiceCollection services, Action<ExportRegistry>? more = null)
    {
        var registry = new ExportRegistry().AddLedger();
        more?.Invoke(registry);
        return services.AddSingleton(registry);
    }

    public static void MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/exports", (Delegate)List);
        endpoints.MapGet("/exports/{dataset}.{format}", (Delegate)ExportAsync);
    }

    private static IResult List(HttpContext http, ExportRegistry registry)
    {
        if ((EndpointAccess.NotCrossSite(http, PersonalData) ?? EndpointAccess.SignedIn(http)) is { } problem)
        {
            return problem.ToResult(http);
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new
        {
            datasets = registry.All.Where(d => d.AllowsAnyRoleOf(http.User)).OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => new
            {
                name = d.Name,
                title = d.Title,
                dateColumn = d.DateColumn,
                csv = $"/exports/{d.Name}.csv",
                xlsx = $"/exports/{d.Name}.xlsx",
                columns = d.Columns.Select(c => c.Header),
            }),
        }, new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    private static async Task ExportAsync(HttpContext http, string dataset, string format, ExportRegistry registry, AppDbContext db)
    {
        var (found, request, problem) = Prepare(http, dataset, format, registry, db);
        if (problem is not null)
        {
            await problem.ToResult(http).ExecuteAsync(http);
            return;
        }

        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        var fileName = $"galaaid-{found!.Name}.{(csv ? "csv" : "xlsx")}";
        var disposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName, FileNameStar = $"GaLaAid-{found.Title}-{found.Name}.{(csv ? "csv" : "xlsx")}" };
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        Log.Information("Export of {Dataset} as {Format} from {From} to {To} by {User}", found.Name, csv ? "CSV" : "XLSX",
            request!.From, request.To, http.User.Identity?.Name);
        if (csv)
        {
            http.Response.ContentType = CsvType;
            await ExportFiles.WriteCsvAsync(found, request, http.Response.Body);
            return;
        }

        await using var file = await ExportFiles.WriteXlsxAsync(found, request);
        http.Response.ContentType = XlsxType;
        http.Response.ContentLength = file.Length;
        await file.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    private static (ExportDataset?, ExportRequest?, AccessProblem?) Prepare(
        HttpContext http, string name, string format, ExportRegistry registry, AppDbContext db)
    {
        if ((EndpointAccess.NotCrossSite(http, PersonalData) ?? EndpointAccess.SignedIn(http)) is { } denied)
        {
            return (null, null, denied);
        }

        var dataset = registry.Find(name);
        if (dataset is null || !(string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) || string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, null, new AccessProblem(StatusCodes.Status404NotFound, "EXPORT_NOT_FOUND",
                $"There is no export '{Shorten(name)}.{Shorten(format)}'. Exports are /exports/<dataset>.csv or .xlsx with one of: {string.Join(", ", registry.All.Select(d => d.Name).Order(StringComparer.Ordinal))}."));
        }

        if (EndpointAccess.InRole(http, dataset.Roles, $"export {dataset.Name}") is { } forbidden)
        {
            return (null, null, forbidden);
        }

        if (!QueryTime.TryTime(http.Request, "from", out var from) || !QueryTime.TryTime(http.Request, "to", out var to))
        {
            return (null, null, new AccessProblem(StatusCodes.Status400BadRequest, "INVALID_PERIOD",
                "'from' and 'to' must each be given once, as a date (2026-11-01) or an ISO-8601 time (2026-11-01T00:00:00Z); times without an offset are UTC."));
        }

        if (from is not null && to is not null && from >= to)
        {
            return (null, null, new AccessProblem(StatusCodes.Status400BadRequest, "INVALID_PERIOD", "'from' must be before 'to' ('to' itself is not included)."));
        }

        var request = new ExportRequest(db,
            from ?? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
            to ?? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
            http.User, http.RequestAborted)
        {
            Clock = http.RequestServices.GetRequiredService<TimeProvider>(),
        };
        return (dataset, request, null);
    }

    private static string Shorten(string text)
    {
        var shortened = text.Length <= 40 ? text : text[..40] + "…";
        var clean = new StringBuilder(shortened.Length);
        foreach (var c in shortened)
        {
            clean.Append(char.IsControl(c) ? '?' : c);
        }

        return clean.ToString();
    }
}
