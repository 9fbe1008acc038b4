using GaLaAid.Api.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GaLaAid.Api.Tests.HandoverPage;

/// <summary>
/// A volunteer's phone, played by Debian's headless chromium at 360 × 740 through Playwright, on the
/// service listening on a real port: sign in with a PIN, find the household, confirm, and never
/// record a handover twice. Skipped, not passed, where /usr/bin/chromium is missing.
/// </summary>
public sealed class HandoverPageBrowserTests(HandoverPageBrowserTests.Server app) : IClassFixture<HandoverPageBrowserTests.Server>
{
    private const string Chromium = "/usr/bin/chromium";
    private const string VolunteerName = "phone.volunteer";
    private const string VolunteerPin = "135792";

    private readonly LedgerScenario scenario = new(app);

    /// <summary>The service on a real Kestrel port (a browser cannot reach the in-memory test server), with a volunteer who has a PIN.</summary>
    public sealed class Server : GaLaAidApp
    {
        private readonly Lazy<Task> volunteer;

        public Server()
        {
            UseKestrel(0);
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var uri = new UriBuilder(address);
            if (uri.Host is "[::]" or "+" or "*" or "0.0.0.0")
            {
                uri.Host = "127.0.0.1";
            }

            BaseUrl = uri.Uri.ToString().TrimEnd('/');
            volunteer = new(async () => (await GraphQL().MutateAsync(
                "createUser", "user", "{ id }", new { userName = VolunteerName, displayName = "卓玛", role = "VOLUNTEER", pin = VolunteerPin })).Ok());
        }

        public string BaseUrl { get; }

        public Task EnsureVolunteerAsync() => volunteer.Value;
    }

    private sealed class Phone(IPlaywright playwright, IBrowser browser, IBrowserContext context) : IAsyncDisposable
    {
        public IBrowserContext Context => context;

        public async ValueTask DisposeAsync()
        {
            await context.CloseAsync();
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private async Task<Phone> OpenPhoneAsync()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is missing; install Debian's chromium package to run the browser tests.");
        await app.EnsureVolunteerAsync();
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            Locale = "zh-CN",
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(20_000);
        return new Phone(playwright, browser, context);
    }

    private async Task<IPage> SignedInPageAsync(Phone phone, string code)
    {
        var page = await phone.Context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/h/{code}");
        await page.FillAsync("#userName", VolunteerName);
        await page.FillAsync("#pin", VolunteerPin);
        await page.ClickAsync("#signin-pin button[type=submit]");
        await page.WaitForSelectorAsync("main[data-state=form]");
        return page;
    }

    private static async Task ChooseAsync(IPage page, string search, string household)
    {
        await page.FillAsync("#search", search);
        await page.Locator("#results button", new() { HasText = household }).ClickAsync();
        await Assertions.Expect(page.Locator("#chosen-name")).ToContainTextAsync(household);
    }

    private Task<(int Handovers, List<int> Distributed, int OnHand)> LedgerOfAsync(string code) =>
        app.QueryDatabaseAsync(async db =>
        {
            var item = await db.StockItems.SingleAsync(i => i.LabelCode == code);
            var entries = await db.StockEntries.Where(e => e.StockItemId == item.Id && e.Kind == LedgerEntryKind.Distributed).Select(e => e.Quantity).ToListAsync();
            var handovers = await db.StockEntries.Where(e => e.StockItemId == item.Id && e.HandoverId != null).Select(e => e.HandoverId).Distinct().CountAsync();
            return (handovers, entries, item.QuantityOnHand);
        });

    [SkippableFact]
    public async Task A_volunteer_signs_in_on_a_phone_hands_a_television_over_once_and_a_second_confirm_is_refused()
    {
        var village = await scenario.VillageAsync();
        await scenario.HouseholdAsync(village.Unit, "扎西家");
        await scenario.HouseholdAsync(village.Unit, "韩家");
        var tv = (await scenario.PerUnitAsync(1))[0];
        await using var phone = await OpenPhoneAsync();

        var page = await SignedInPageAsync(phone, tv.LabelCode.ToLowerInvariant());
        await Assertions.Expect(page.Locator("h2").First).ToHaveTextAsync("捐赠物资");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("1 台");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "The page is wider than the phone.");

        // A second tab that still shows the form when the first has handed the item over.
        var second = await phone.Context.NewPageAsync();
        await second.GotoAsync($"{app.BaseUrl}/h/{tv.LabelCode}");
        await second.WaitForSelectorAsync("main[data-state=form]");

        await ChooseAsync(page, "扎西", "扎西家");
        await page.FillAsync("#receivedBy", "马文德");
        // A double tap faster than any thumb: two submits in one task, before the first can answer.
        await page.EvaluateAsync("() => { const f = document.getElementById('handover'); f.requestSubmit(); f.requestSubmit(); }");

        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("交接成功：1 台 已交给 扎西家（一社），签收人 马文德。");
        var afterFirst = await LedgerOfAsync(tv.LabelCode);
        Assert.Equal(1, afterFirst.Handovers);
        Assert.Equal([-1], afterFirst.Distributed);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#done")).ToContainTextAsync("这件物品已经交接完了");
        await Assertions.Expect(page.Locator("#done")).ToContainTextAsync("扎西家（一社）");
        await Assertions.Expect(page.Locator("#done")).ToContainTextAsync("卓玛 (phone.volunteer)");
        await Assertions.Expect(page.Locator("#done")).ToContainTextAsync("马文德");
        Assert.Equal(0, await page.Locator("#confirm").CountAsync());
        Assert.Equal(0, await page.Locator("#handover").CountAsync());

        await ChooseAsync(second, "韩", "韩家");
        await second.FillAsync("#receivedBy", "韩德明");
        await second.ClickAsync("#confirm");

        await Assertions.Expect(second.Locator("#status")).ToHaveTextAsync("没有交接：这件物品只剩 0 台，可能刚被别人交接了。请刷新页面查看。");
        await Assertions.Expect(second.Locator("#confirm")).ToBeEnabledAsync();
        var (handovers, distributed, onHand) = await LedgerOfAsync(tv.LabelCode);
        Assert.Equal(1, handovers);
        Assert.Equal([-1], distributed);
        Assert.Equal(0, onHand);
    }

    [SkippableFact]
    public async Task A_volunteer_hands_three_of_a_lot_of_ten_over_once_though_the_first_answer_is_lost()
    {
        var village = await scenario.VillageAsync();
        await scenario.HouseholdAsync(village.Unit, "多杰家");
        var lot = await scenario.LotAsync(10);
        await using var phone = await OpenPhoneAsync();
        var page = await SignedInPageAsync(phone, lot.LabelCode);

        // The first confirm reaches the server, which records it, but its answer is lost on the way back.
        var posted = new List<string>();
        await page.RouteAsync("**/graphql", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            lock (posted)
            {
                posted.Add(route.Request.PostData ?? string.Empty);
            }

            if (posted.Count == 1)
            {
                await route.FetchAsync();
                await route.AbortAsync("timedout");
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        await ChooseAsync(page, "多杰", "多杰家");
        await page.FillAsync("#quantity", "3");
        await page.FillAsync("#receivedBy", "马文德");
        await page.Locator("#confirm").DblClickAsync();

        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("交接成功：3 斤 已交给 多杰家（一社），签收人 马文德。");
        Assert.Equal(2, posted.Count);
        var keys = posted.Select(body => (string?)System.Text.Json.Nodes.JsonNode.Parse(body)!["variables"]!["input"]!["idempotencyKey"]).ToList();
        Assert.Equal(keys[0], keys[1]);
        Assert.False(string.IsNullOrEmpty(keys[0]));
        var (handovers, distributed, onHand) = await LedgerOfAsync(lot.LabelCode);
        Assert.Equal(1, handovers);
        Assert.Equal([-3], distributed);
        Assert.Equal(7, onHand);

        // The lot still has seven: the page offers the next handover, with a new key.
        await page.UnrouteAllAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#quantity")).ToHaveAttributeAsync("max", "7");
        await Assertions.Expect(page.Locator("#status")).ToBeEmptyAsync();
        var afterReload = await LedgerOfAsync(lot.LabelCode);
        Assert.Equal(1, afterReload.Handovers);
        Assert.Equal(7, afterReload.OnHand);
    }

    [SkippableFact]
    public async Task A_confirm_whose_answer_never_came_is_resent_with_its_key_when_the_page_is_reloaded()
    {
        var village = await scenario.VillageAsync();
        await scenario.HouseholdAsync(village.Unit, "次仁家");
        var lot = await scenario.LotAsync(10);
        await using var phone = await OpenPhoneAsync();
        var page = await SignedInPageAsync(phone, lot.LabelCode);
        var posts = 0;
        await page.RouteAsync("**/graphql", async route =>
        {
            if (route.Request.Method == "POST")
            {
                Interlocked.Increment(ref posts);
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
                return;
            }

            await route.ContinueAsync();
        });

        await ChooseAsync(page, "次仁", "次仁家");
        await page.FillAsync("#quantity", "2");
        await page.FillAsync("#receivedBy", "马文德");
        await page.ClickAsync("#confirm");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("网络中断，还不知道交接是否成功。请点“重试”，不会重复记录。", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#retry")).ToBeVisibleAsync();
        Assert.Equal(3, posts);

        await page.UnrouteAllAsync();
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("交接成功：2 斤 已交给 次仁家（一社），签收人 马文德。");
        var (handovers, distributed, onHand) = await LedgerOfAsync(lot.LabelCode);
        Assert.Equal(1, handovers);
        Assert.Equal([-2], distributed);
        Assert.Equal(8, onHand);
    }
}
