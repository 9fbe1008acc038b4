using System.Text.Json;
using GaLaAid.Api.Categories;
using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.Stock;
using GaLaAid.Api.Tests.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GaLaAid.Api.Tests.Stock;

/// <summary>
/// <c>itemByCode</c> reads through <see cref="ItemScanReader"/>'s own prepared statement, not
/// through EF. These tests hold it to EF's mapping: the same columns, the same values, and the
/// same committed state as the ledger's writes.
/// </summary>
public sealed class ItemScanReaderTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    private const string Scan = "query($code: String!) { itemByCode(code: $code) { id labelCode quantityOnHand line { description } category { code } } }";

    [Fact]
    public void Reads_every_column_EF_maps_for_items_lines_and_categories()
    {
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;

        Assert.Equal(MappedColumns(model, typeof(StockItem)), ItemScanReader.ItemColumns.Order());
        Assert.Equal(MappedColumns(model, typeof(DonationLine)), ItemScanReader.LineColumns.Order());
        Assert.Equal(MappedColumns(model, typeof(Category)), ItemScanReader.CategoryColumns.Order());
    }

    [Fact]
    public async Task Finds_every_item_with_the_values_EF_reads()
    {
        var codes = await app.QueryDatabaseAsync(db => db.StockItems.Select(i => i.LabelCode).ToListAsync());
        var reader = app.Services.GetRequiredService<ItemScanReader>();

        Assert.True(codes.Count > 200, $"the demo seed has hundreds of items, found {codes.Count}");
        var fromEf = new List<ItemWithLine>();
        foreach (var code in codes)
        {
            var expected = await app.QueryDatabaseAsync(db => StockQueries.ItemByCodeThroughEf(db, code, CancellationToken.None));
            var found = reader.Find(code);

            Assert.NotNull(expected);
            Assert.NotNull(found);
            Assert.Equal(JsonSerializer.Serialize(expected.Item), JsonSerializer.Serialize(found.Item));
            Assert.Equal(JsonSerializer.Serialize(expected.Line), JsonSerializer.Serialize(found.Line));
            Assert.Equal(JsonSerializer.Serialize(expected.Category), JsonSerializer.Serialize(found.Category));
            fromEf.Add(expected);
        }

        // The comparison covers the nullable columns with values, not only nulls.
        Assert.Contains(fromEf, row => row.Line.PlannedRecipientId is not null);
        Assert.Contains(fromEf, row => row.Category.ParentId is not null);
    }

    [Fact]
    public async Task Both_find_nothing_for_a_well_formed_code_no_item_has()
    {
        Assert.Null(await app.QueryDatabaseAsync(db => StockQueries.ItemByCodeThroughEf(db, "GL-0000-0000", CancellationToken.None)));
        Assert.Null(app.Services.GetRequiredService<ItemScanReader>().Find("GL-0000-0000"));
    }

    [Fact]
    public async Task A_scan_after_a_handover_shows_what_is_left_on_the_same_kept_connection()
    {
        var scenario = new LedgerScenario(app);
        var lot = await scenario.LotAsync(10);
        var village = await scenario.VillageAsync();
        var client = app.GraphQL();

        var before = (await client.DataAsync(Scan, new { code = lot.LabelCode }))["itemByCode"]!;
        (await scenario.HandOverAsync(village.Household, LedgerScenario.Take(lot, 3))).Ok();
        var after = (await client.DataAsync(Scan, new { code = lot.LabelCode }))["itemByCode"]!;

        Assert.Equal(10, (int)before["quantityOnHand"]!);
        Assert.Equal(7, (int)after["quantityOnHand"]!);
        Assert.Equal((string?)before["line"]!["description"], (string?)after["line"]!["description"]);
    }

    [Fact]
    public async Task A_scan_sends_no_command_through_EF()
    {
        var lot = await new LedgerScenario(app).LotAsync(2);
        var client = app.GraphQL();
        await client.DataAsync(Scan, new { code = lot.LabelCode });

        app.SqlCommands.Reset();
        var found = (await client.DataAsync(Scan, new { code = lot.LabelCode }))["itemByCode"]!;

        Assert.Equal(lot.LabelCode, (string?)found["labelCode"]);
        // Signing in may read the API key when its cached entry just expired; nothing else may go through EF.
        Assert.DoesNotContain(app.SqlCommands.Texts, sql => !sql.Contains("\"ApiKeys\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writers_never_get_a_connection_the_reader_made_read_only()
    {
        var connectionString = await app.QueryDatabaseAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        var scenario = new LedgerScenario(app);
        var lot = await scenario.LotAsync(5);
        var household = (await scenario.VillageAsync()).Household;

        // A reader's connections closed while EF's pool is in use: had they gone back to that pool
        // with query_only set, the next writer would take one (the pool hands out the last returned)
        // and fail to begin its transaction.
        using (var reader = new ItemScanReader(connectionString))
        {
            Assert.NotNull(reader.Find(lot.LabelCode));
        }

        (await scenario.HandOverAsync(household, LedgerScenario.Take(lot, 1))).Ok();
        Assert.Equal(4, await scenario.OnHandAsync(lot));
    }

    private static IEnumerable<string> MappedColumns(IModel model, Type entity)
    {
        var entityType = model.FindEntityType(entity)!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        return entityType.GetProperties().Select(property => property.GetColumnName(table)!).Order();
    }
}

/// <summary>A service without the SQLite reader (as on a provider that has none): itemByCode reads through EF.</summary>
public sealed class ItemByCodeWithoutReaderTests(ItemByCodeWithoutReaderTests.AppWithoutReader app) : IClassFixture<ItemByCodeWithoutReaderTests.AppWithoutReader>
{
    public sealed class AppWithoutReader : GaLaAidApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.RemoveAll<ItemScanReader>());
        }
    }

    [Fact]
    public async Task ItemByCode_answers_the_same_through_EF()
    {
        var lot = await new LedgerScenario(app).LotAsync(4);
        var client = app.GraphQL();

        app.SqlCommands.Reset();
        var found = (await client.DataAsync(
            "query($code: String!) { itemByCode(code: $code) { labelCode quantityOnHand tracking line { quantity } category { id } } }",
            new { code = lot.LabelCode.ToLowerInvariant() }))["itemByCode"]!;

        Assert.Null(app.Services.GetService<ItemScanReader>());
        Assert.True(app.SqlCommands.Count >= 1);
        Assert.Equal(lot.LabelCode, (string?)found["labelCode"]);
        Assert.Equal(4, (int)found["quantityOnHand"]!);
        Assert.Equal("LOT", (string?)found["tracking"]);
        Assert.Equal(4, (int)found["line"]!["quantity"]!);
        Assert.Equal(LedgerScenario.CategoryId(LedgerScenario.Seed), (string?)found["category"]!["id"]);
    }
}
