using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using Microsoft.Extensions.Options;
using Serilog;

namespace GaLaAid.Api.Labels;

/// <summary>
/// <c>GET /labels/print</c> (a print-ready HTML page) and <c>GET /labels/print.pdf</c> (the same
/// as a PDF) for admins and staff, with a bearer key or a browser session. Printing is recorded
/// in the label print history unless <c>preview=true</c>.
/// </summary>
public static class LabelPrintEndpoints
{
    public static void MapLabelPrintEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/labels/print", (Delegate)PrintHtmlAsync);
        endpoints.MapGet("/labels/print.pdf", (Delegate)PrintPdfAsync);
        endpoints.MapGet(HtmlLabelSheet.ScriptPath, () => Results.Text(HtmlLabelSheet.Script, "text/javascript; charset=utf-8"));
    }

    private static async Task<IResult> PrintHtmlAsync(
        HttpContext http, AppDbContext db, CurrentActor actor, LabelUrls urls)
    {
        var (request, rows, problem) = await PrepareAsync(http, db);
        if (problem is not null)
        {
            return Problem(http, problem);
        }

        LabelPrintJob? job = null;
        if (!request!.Preview && rows!.Count > 0)
        {
            job = await LabelSheet.RecordAsync(db, actor, request, LabelPrintFormat.Html, rows, http.RequestAborted);
            Log.Information("Label print job {JobId}: {LabelCount} labels ({ReprintCount} reprints) as HTML, layout {Layout}, by {User}",
                job.Id, job.LabelCount, job.ReprintCount, job.Layout, job.PrintedBy);
        }

        var (html, csp) = HtmlLabelSheet.Render(rows!, request.Layout, urls, request.Language, job);
        http.Response.Headers.ContentSecurityPolicy = csp;
        NoStore(http);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> PrintPdfAsync(
        HttpContext http, AppDbContext db, CurrentActor actor, LabelUrls urls, IOptions<LabelOptions> options)
    {
        var (request, rows, problem) = await PrepareAsync(http, db);
        if (problem is not null)
        {
            return Problem(http, problem);
        }

        if (rows!.Count == 0)
        {
            return Problem(http, new LabelPrintProblem(StatusCodes.Status404NotFound, "NO_LABELS",
                "The selection holds no labels: there is nothing to print."));
        }

        var font = LabelFonts.For(options.Value);
        if (!font.IsAvailable)
        {
            return Problem(http, new LabelPrintProblem(StatusCodes.Status503ServiceUnavailable, "PDF_FONT_MISSING", font.Problem!));
        }

        // Rendered before it is recorded: a PDF that could not be made was never printed.
        var pdf = PdfLabelSheet.Render(rows, request!.Layout, urls, font);
        if (!request.Preview)
        {
            var job = await LabelSheet.RecordAsync(db, actor, request, LabelPrintFormat.Pdf, rows, http.RequestAborted);
            Log.Information("Label print job {JobId}: {LabelCount} labels ({ReprintCount} reprints) as PDF, layout {Layout}, by {User}",
                job.Id, job.LabelCount, job.ReprintCount, job.Layout, job.PrintedBy);
        }

        NoStore(http);
        http.Response.Headers.ContentDisposition = $"inline; filename=\"labels-{request.Layout.Name}.pdf\"";
        return Results.File(pdf, "application/pdf");
    }

    /// <summary>Who may print (checked first), then what they asked for, then the labels it names.</summary>
    private static async Task<(LabelPrintRequest? Request, IReadOnlyList<LabelRow>? Rows, LabelPrintProblem? Problem)> PrepareAsync(
        HttpContext http, AppDbContext db)
    {
        if (Access(http) is { } denied)
        {
            return (null, null, denied);
        }

        var (request, invalid) = LabelPrintRequest.Parse(http.Request);
        if (invalid is not null)
        {
            return (null, null, invalid);
        }

        var (rows, problem) = await LabelSheet.LoadAsync(db, request!.Selection, http.RequestAborted);
        return (request, rows, problem);
    }

    // A GET here writes the print history, so another site must not be able to make a signed-in browser send one.
    private static LabelPrintProblem? Access(HttpContext http) =>
        (EndpointAccess.NotCrossSite(http, "Labels are printed from this service's own pages, not from another site.")
            ?? EndpointAccess.SignedInAs(http, Roles.Writers.Select(r => r.Name()), "Only admins and staff may print labels.")) is { } problem
            ? new LabelPrintProblem(problem.Status, problem.Code, problem.Message)
            : null;

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    private static IResult Problem(HttpContext http, LabelPrintProblem problem)
    {
        NoStore(http);
        return Results.Json(
            new { errors = new[] { new { message = problem.Message, extensions = new { code = problem.Code } } } },
            statusCode: problem.Status);
    }
}
