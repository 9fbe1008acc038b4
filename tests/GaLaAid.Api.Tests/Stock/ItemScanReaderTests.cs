using System.Text.Json;
using GaLaAid.Api.Categories;
using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.Stock;
using GaLaAid.Api.Tests.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

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
        var fromEf = await app.QueryDatabaseAsync(db => (
                from item in db.StockItems
                join line in db.DonationLines on item.DonationLineId equals line.Id
                join category in db.Categories on line.CategoryId equals category.Id
                select new { item, line, category })
            .ToListAsync());
        var reader = app.Services.GetRequiredService<ItemScanReader>();

        Assert.True(fromEf.Count > 200, $"the demo seed has hundreds of items, found {fromEf.Count}");
        Assert.Contains(fromEf, row => row.line.PlannedRecipientId is not null);
        Assert.Contains(fromEf, row => row.category.ParentId is not null);
        foreach (var expected in fromEf)
        {
            var found = reader.Find(expected.item.LabelCode);

            Assert.NotNull(found);
            Assert.Equal(JsonSerializer.Serialize(expected.item), JsonSerializer.Serialize(found.Item));
            Assert.Equal(JsonSerializer.Serialize(expected.line), JsonSerializer.Serialize(found.Line));
            Assert.Equal(JsonSerializer.Serialize(expected.category), JsonSerializer.Serialize(found.Category));
        }
    }

    [Fact]
    public void Finds_nothing_for_a_well_formed_code_no_item_has()
    {
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
        Assert.Equal(0, app.SqlCommands.Count);
    }

    private static IEnumerable<string> MappedColumns(IModel model, Type entity)
    {
        var entityType = model.FindEntityType(entity)!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        return entityType.GetProperties().Select(property => property.GetColumnName(table)!).Order();
    }
}
