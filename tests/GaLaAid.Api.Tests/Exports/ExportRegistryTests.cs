using System.ComponentModel;
using System.Security.Claims;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Exports;

namespace GaLaAid.Api.Tests.Exports;

public sealed class ExportRegistryTests
{
    public sealed record FundBalanceRow(
        [property: Description("资金")] string Fund,
        [property: Description("余额（元）")] long BalanceFen,
        int Entries,
        DateOnly CheckedOn,
        bool Matches);

    [Fact]
    public async Task A_report_is_one_registration_whose_columns_come_from_its_row_record()
    {
        var registry = new ExportRegistry().AddReport("fund-balances", "资金余额", Roles.Readers, "-",
            _ => Task.FromResult<IReadOnlyList<FundBalanceRow>>([new("慰问金", 1_234_505, 3, new DateOnly(2026, 11, 30), true)]));
        var report = registry.Find("fund-balances")!;

        Assert.Equal(["fund 资金", "balanceYuan 余额（元）", "entries", "checkedOn", "matches"], report.Columns.Select(c => c.Header));
        using var csv = new MemoryStream();
        var request = new ExportRequest(null!, DateTime.MinValue, DateTime.MaxValue, new ClaimsPrincipal(), CancellationToken.None);
        await ExportFiles.WriteCsvAsync(report, request, csv);

        var row = Assert.Single(AuditorLedger.ParseCsv(csv.ToArray()));
        Assert.Equal("慰问金", row["fund 资金"]);
        Assert.Equal("12345.05", row["balanceYuan 余额（元）"]);
        Assert.Equal("3", row["entries"]);
        Assert.Equal("2026-11-30", row["checkedOn"]);
        Assert.Equal("true", row["matches"]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 139", "'+86 139")]
    [InlineData("-rm", "'-rm")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("-5", "-5")]
    [InlineData("-12.50", "-12.50")]
    [InlineData("張小明", "張小明")]
    [InlineData("a=b", "a=b")]
    public void A_text_cell_that_starts_like_a_formula_gets_an_apostrophe_unless_it_is_a_number(string text, string written) =>
        Assert.Equal(written, ExportFiles.CsvCell(text, ExportValueKind.Text));

    [Fact]
    public void Numbers_are_never_escaped() =>
        Assert.Equal("-1500.00", ExportFiles.CsvCell(-1500m, ExportValueKind.Money));
}
