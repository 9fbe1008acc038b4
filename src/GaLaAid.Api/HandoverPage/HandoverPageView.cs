using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using GaLaAid.Api.Donations;

namespace GaLaAid.Api.HandoverPage;

/// <summary>
/// The handover page's HTML, rendered on the server so a phone on a slow link gets the item in the
/// first answer. Every visible text comes from <see cref="Texts"/>; no inline script or style, so the
/// Content-Security-Policy can forbid both.
/// </summary>
public sealed class HandoverPageView(Texts texts, PageAssets assets, IReadOnlyList<Texts> languages)
{
    // Chinese text stays as UTF-8 characters instead of &#x…; entities, which would triple its size.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly JsonSerializerOptions ScriptJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>China keeps one time zone, UTC+8, without daylight saving: the village's clock.</summary>
    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    /// <summary>The signed-in user as the page needs them: the name to greet, the token for writes, and whether their role records handovers.</summary>
    public sealed record Session(string DisplayName, string CsrfToken, bool MayHandOver);

    public string SignIn(string code) => Page(
        texts["signin.title"],
        new() { ["state"] = "signin", ["code"] = code },
        session: null,
        $"""
        <h2>{E(texts["signin.title"])}</h2>
        <p>{E(texts.Format("signin.intro", ("code", code)))}</p>
        <form id="signin-pin" class="card">
        <label for="userName">{E(texts["signin.userName"])}</label>
        <input id="userName" name="userName" autocomplete="username" autocapitalize="none" required maxlength="100">
        <label for="pin">{E(texts["signin.pin"])}</label>
        <input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="current-password" required maxlength="32">
        <button type="submit" class="big">{E(texts["signin.submit"])}</button>
        </form>
        <details class="card"><summary>{E(texts["signin.useKey"])}</summary>
        <form id="signin-key">
        <label for="apiKey">{E(texts["signin.apiKey"])}</label>
        <input id="apiKey" name="apiKey" type="password" autocomplete="off" required maxlength="200">
        <button type="submit">{E(texts["signin.submitKey"])}</button>
        </form>
        </details>
        <p id="status" role="status" aria-live="polite"></p>
        """);

    public string BadCode(string typed) => Message(texts["badCode.title"], texts.Format("badCode.text", ("code", typed)), session: null);

    public string NotFound(string code, Session session) => Message(texts["notFound.title"], texts.Format("notFound.text", ("code", code)), session);

    public string Item(ItemDetails item, Session session)
    {
        var body = new StringBuilder();
        var unit = item.Unit;
        body.Append(CultureInfo.InvariantCulture, $"<h2>{E(item.Description)}</h2>\n<dl class=\"card facts\">\n");
        Fact(body, "item.category", texts.Language.StartsWith("zh", StringComparison.Ordinal) ? item.Category : item.CategoryEn);
        Fact(body, "item.donor", item.Donor);
        Fact(body, "item.onHand", Quantity(item.QuantityOnHand, unit));
        if (item.PlannedRecipient is { } planned)
        {
            Fact(body, "item.planned", Recipient(planned));
        }

        Fact(body, "item.code", item.LabelCode);
        body.Append("</dl>\n");

        string state;
        if (item.QuantityOnHand <= 0)
        {
            state = "done";
            body.Append(CultureInfo.InvariantCulture, $"<section id=\"done\" class=\"card done\">\n<h2>{E(texts[item.Handovers.Count > 0 ? "done.title" : "done.nothingLeft"])}</h2>\n");
            foreach (var handover in item.Handovers)
            {
                var when = handover.HandedOverAt.Add(BeijingOffset);
                var by = handover.HandedOverByDisplayName is { } display && display != handover.HandedOverBy
                    ? $"{display} ({handover.HandedOverBy})"
                    : handover.HandedOverBy;
                body.Append("<dl class=\"facts\">\n");
                Fact(body, "done.to", Recipient(handover.Recipient));
                body.Append(CultureInfo.InvariantCulture, $"<dt>{E(texts["done.when"])}</dt><dd><time datetime=\"{handover.HandedOverAt:yyyy-MM-ddTHH:mm:ssZ}\">{when:yyyy-MM-dd HH:mm}</time> {E(texts["page.timeZone"])}</dd>\n");
                Fact(body, "done.by", by);
                Fact(body, "done.receivedBy", handover.ReceivedBy);
                Fact(body, "done.quantity", Quantity(handover.Quantity, unit));
                body.Append("</dl>\n");
            }

            body.Append("</section>\n");
        }
        else if (!session.MayHandOver)
        {
            state = "view";
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"card\">{E(texts["page.viewOnly"])}</p>\n");
        }
        else
        {
            state = "form";
            body.Append(CultureInfo.InvariantCulture, $"""
                <form id="handover" class="card" novalidate>
                <label for="search">{E(texts["form.recipient"])}</label>
                <input id="search" type="search" autocomplete="off" placeholder="{E(texts["form.searchHint"])}" maxlength="100">
                <ul id="results" class="results"></ul>
                <p id="chosen" class="chosen" hidden><span id="chosen-name"></span> <button type="button" id="change" class="link">{E(texts["form.change"])}</button></p>

                """);
            if (item.Tracking == TrackingMode.Lot)
            {
                body.Append(CultureInfo.InvariantCulture, $"""
                    <label for="quantity">{E(texts.Format("form.quantity", ("max", item.QuantityOnHand.ToString(CultureInfo.InvariantCulture)), ("unit", unit)))}</label>
                    <input id="quantity" type="number" inputmode="numeric" min="1" max="{item.QuantityOnHand}" value="1" required>

                    """);
            }

            body.Append(CultureInfo.InvariantCulture, $"""
                <label for="receivedBy">{E(texts["form.receivedBy"])}</label>
                <input id="receivedBy" autocomplete="off" maxlength="100" required>
                <button id="confirm" type="submit" class="big">{E(texts["form.confirm"])}</button>
                </form>

                """);
        }

        body.Append("<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>\n<button type=\"button\" id=\"retry\" class=\"big\" hidden>")
            .Append(E(texts["result.retry"])).Append("</button>\n");
        return Page(
            item.Description,
            new()
            {
                ["state"] = state,
                ["code"] = item.LabelCode,
                ["unit"] = unit,
                ["max"] = item.QuantityOnHand.ToString(CultureInfo.InvariantCulture),
                ["tracking"] = item.Tracking == TrackingMode.Lot ? "LOT" : "PER_UNIT",
            },
            session,
            body.ToString());
    }

    private string Message(string title, string text, Session? session) =>
        Page(title, new() { ["state"] = "message" }, session, $"<h2>{E(title)}</h2>\n<p class=\"card\">{E(text)}</p>\n");

    private string Page(string title, Dictionary<string, string> data, Session? session, string main)
    {
        if (session is not null)
        {
            data["csrf"] = session.CsrfToken;
        }

        var html = new StringBuilder(8192);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="{E(texts.Language)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · {E(texts["page.title"])}</title>
            <link rel="stylesheet" href="{assets.Url("handover.css")}">
            <script src="{assets.Url("handover.js")}" defer></script>
            </head>
            <body>
            <header><h1>{E(texts["page.title"])}</h1><nav>
            """);
        foreach (var other in languages.Where(l => l.Language != texts.Language))
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"?lang={E(other.Language)}\" hreflang=\"{E(other.Language)}\" lang=\"{E(other.Language)}\">{E(other["language.name"])}</a>");
        }

        if (session is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<span>{E(texts.Format("page.signedInAs", ("name", session.DisplayName)))}</span><button type=\"button\" id=\"sign-out\" class=\"link\">{E(texts["page.signOut"])}</button>");
        }

        html.Append("</nav></header>\n<main id=\"page\"");
        foreach (var (name, value) in data)
        {
            html.Append(CultureInfo.InvariantCulture, $" data-{name}=\"{E(value)}\"");
        }

        html.Append(">\n").Append(main).Append("</main>\n<script type=\"application/json\" id=\"texts\">")
            .Append(JsonSerializer.Serialize(texts.All, ScriptJson))
            .Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private void Fact(StringBuilder body, string key, string value) =>
        body.Append(CultureInfo.InvariantCulture, $"<dt>{E(texts[key])}</dt><dd>{E(value)}</dd>\n");

    private string Quantity(int quantity, string unit) =>
        texts.Format("item.quantity", ("quantity", quantity.ToString(CultureInfo.InvariantCulture)), ("unit", unit));

    private string Recipient(RecipientName recipient) =>
        recipient.SocialUnit is { } unit ? texts.Format("recipient.withUnit", ("name", recipient.Name), ("unit", unit)) : recipient.Name;

    private static string E(string text) => Html.Encode(text);
}
