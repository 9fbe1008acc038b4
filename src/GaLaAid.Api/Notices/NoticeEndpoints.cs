using System.Globalization;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.Exports;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Labels;

namespace GaLaAid.Api.Notices;

/// <summary><c>GET /notices</c> (the social units) and <c>GET /notices/{socialUnitId}</c> (a unit's printable notice), for admins, staff and auditors.</summary>
public static class NoticeEndpoints
{
    // Ledger files and notices carry personal data; another site must not make a signed-in browser fetch them.
    private const string PersonalData = "Exports and notices are opened from this service's own pages or with an API key, not from another site.";

    public static void MapNoticeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/notices", (Delegate)ListAsync);
        endpoints.MapGet("/notices/{socialUnitId}", (Delegate)NoticeAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, AppDbContext db, TimeProvider clock)
    {
        var (period, language, problem) = Prepare(http, clock);
        if (problem is not null)
        {
            return problem.ToResult(http);
        }

        var (html, csp) = NoticePage.RenderList(await NoticeBoard.UnitsAsync(db, http.RequestAborted), period!, language);
        return Page(http, html, csp);
    }

    private static async Task<IResult> NoticeAsync(HttpContext http, string socialUnitId, AppDbContext db, TimeProvider clock)
    {
        var (period, language, problem) = Prepare(http, clock);
        if (problem is not null)
        {
            return problem.ToResult(http);
        }

        var notice = GlobalId.TryDecode(socialUnitId, out var type, out var id) && type == "Recipient" && id <= int.MaxValue
            ? await NoticeBoard.ForUnitAsync(db, (int)id, period!, http.RequestAborted)
            : null;
        if (notice is null)
        {
            return new AccessProblem(StatusCodes.Status404NotFound, "NOT_FOUND",
                "There is no social unit with this id; /notices lists them.").ToResult(http);
        }

        var (html, csp) = NoticePage.Render(notice, language, clock.GetUtcNow().UtcDateTime);
        return Page(http, html, csp);
    }

    private static (NoticePeriod?, PageLanguage, AccessProblem?) Prepare(HttpContext http, TimeProvider clock)
    {
        if (((EndpointAccess.NotCrossSite(http, PersonalData) ?? EndpointAccess.SignedIn(http)) ?? EndpointAccess.InRole(http, Roles.Readers, "open notices")) is { } denied)
        {
            return (null, default, denied);
        }

        var query = http.Request.Query;
        var lang = query["lang"];
        PageLanguage language;
        if (lang.Count == 0)
        {
            language = FromAcceptLanguage(http.Request);
        }
        else if (lang.Count == 1 && lang[0] is "zh" or "en")
        {
            language = lang[0] == "en" ? PageLanguage.English : PageLanguage.Chinese;
        }
        else
        {
            return (null, default, new AccessProblem(StatusCodes.Status400BadRequest, "INVALID_LANGUAGE", "'lang' must be zh or en."));
        }

        var month = NoticePeriod.MonthOf(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (!TryDay(query, "from", month.First, out var first) || !TryDay(query, "to", month.Last, out var last))
        {
            return (null, default, new AccessProblem(StatusCodes.Status400BadRequest, "INVALID_PERIOD",
                "'from' and 'to' must each be given once, as a day such as 2026-11-01; both days are included."));
        }

        if (!query.ContainsKey("to") && query.ContainsKey("from"))
        {
            last = NoticePeriod.MonthOf(first).Last;
        }

        if (last < first || last.DayNumber - first.DayNumber > 366)
        {
            return (null, default, new AccessProblem(StatusCodes.Status400BadRequest, "INVALID_PERIOD",
                "'to' must not be before 'from', and a notice covers at most a year."));
        }

        return (new NoticePeriod(first, last), language, null);
    }

    private static bool TryDay(IQueryCollection query, string key, DateOnly fallback, out DateOnly day)
    {
        day = fallback;
        if (!query.TryGetValue(key, out var raw))
        {
            return true;
        }

        return raw.Count == 1 && DateOnly.TryParseExact(raw[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    /// <summary>English when the browser prefers English to Chinese; Chinese otherwise.</summary>
    private static PageLanguage FromAcceptLanguage(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .Where(l => (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? string.Empty)
            .FirstOrDefault(l => l.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return preferred?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? PageLanguage.English : PageLanguage.Chinese;
    }

    private static IResult Page(HttpContext http, string html, string csp)
    {
        http.Response.Headers.ContentSecurityPolicy = csp;
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
