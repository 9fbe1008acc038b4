using System.Text.Json;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.Stock;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Stock;

/// <summary>
/// The scan reads its item with a statement kept per native connection instead of an EF query:
/// it must read exactly what EF reads, and never answer from a snapshot older than the last write.
/// </summary>
public sealed class ItemByCodeStatementTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Scan = "query($code: String!) { itemByCode(code: $code) { id labelCode tracking receivedQuantity quantityOnHand category { id name } line { id description unit quantity } } }";

    private readonly LedgerScenario scenario = new(app);

    [Fact]
    public async Task The_statement_reads_every_column_as_EF_maps_it()
    {
        var lot = await scenario.LotAsync(40, LedgerScenario.Seed);
        var units = await scenario.PerUnitAsync(2, LedgerScenario.TvSet);

        foreach (var code in units.Append(lot).Select(i => i.LabelCode))
        {
            var (byStatement, byEf) = await app.QueryDatabaseAsync(async db =>
            (
                await ItemByCodeStatement.FindAsync(db, code, CancellationToken.None),
                await (from item in db.StockItems
                       where item.LabelCode == code
                       join line in db.DonationLines on item.DonationLineId equals line.Id
                       join category in db.Categories on line.CategoryId equals category.Id
                       select new ItemWithLine(item, line, category)).SingleAsync()
            ));

            Assert.NotNull(byStatement);
            Assert.Equal(JsonSerializer.Serialize(byEf), JsonSerializer.Serialize(byStatement));
        }

        Assert.Null(await app.QueryDatabaseAsync(db => ItemByCodeStatement.FindAsync(db, "GL-0000-0000", CancellationToken.None)));
    }

    [Fact]
    public async Task A_scan_after_a_handover_shows_the_new_quantity_even_on_fresh_native_connections()
    {
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);
        var lot = await scenario.LotAsync(30);
        var village = await scenario.VillageAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(30, (int)(await volunteer.DataAsync(Scan, new { code = lot.LabelCode }))["itemByCode"]!["quantityOnHand"]!);
        }

        (await scenario.HandOverAsync(village.Household, LedgerScenario.Take(lot, 4))).Ok();
        var scanned = (await volunteer.DataAsync(Scan, new { code = lot.LabelCode.ToLowerInvariant() }))["itemByCode"]!;
        Assert.Equal(26, (int)scanned["quantityOnHand"]!);
        Assert.Equal(lot.Id, (string?)scanned["id"]);

        // The pool closes its native connections; new ones prepare the statement again.
        SqliteConnection.ClearAllPools();
        (await scenario.HandOverAsync(village.Household, LedgerScenario.Take(lot, 1))).Ok();
        Assert.Equal(25, (int)(await volunteer.DataAsync(Scan, new { code = lot.LabelCode }))["itemByCode"]!["quantityOnHand"]!);
    }
}
