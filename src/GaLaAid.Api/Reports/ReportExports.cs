using System.ComponentModel;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Exports;

namespace GaLaAid.Api.Reports;

/// <summary>One group of a reconciliation as one spreadsheet row: goods quantity, goods value and cash side by side.</summary>
public sealed record ReconciliationExportRow(
    [property: Description("分组")] string Kind,
    [property: Description("名称")] string Name,
    [property: Description("物资期初")] long? GoodsOpening,
    [property: Description("物资收入")] long? GoodsReceived,
    [property: Description("物资发放")] long? GoodsDistributed,
    [property: Description("物资调整")] long? GoodsAdjusted,
    [property: Description("物资冲销")] long? GoodsReversed,
    [property: Description("物资期末")] long? GoodsClosing,
    [property: Description("物资期末估值（元）")] long? GoodsClosingValueFen,
    [property: Description("现金期初（元）")] long? CashOpeningFen,
    [property: Description("现金收入（元）")] long? CashReceivedFen,
    [property: Description("现金支出（元）")] long? CashDistributedFen,
    [property: Description("现金调整（元）")] long? CashAdjustedFen,
    [property: Description("现金冲销（元）")] long? CashReversedFen,
    [property: Description("现金期末（元）")] long? CashClosingFen,
    [property: Description("平衡")] bool Balances)
{
    public static ReconciliationExportRow Of(ReconciliationRow row) => new(
        row.Kind.ToString(), row.Name,
        row.Goods?.Quantity.Opening, row.Goods?.Quantity.Received, row.Goods?.Quantity.Distributed,
        row.Goods?.Quantity.Adjusted, row.Goods?.Quantity.Reversed, row.Goods?.Quantity.Closing, row.Goods?.ValueFen.Closing,
        row.Cash?.AmountFen.Opening, row.Cash?.AmountFen.Received, row.Cash?.AmountFen.Distributed,
        row.Cash?.AmountFen.Adjusted, row.Cash?.AmountFen.Reversed, row.Cash?.AmountFen.Closing,
        row.Balances);
}

/// <summary>One pledge's fulfilment as a spreadsheet row.</summary>
public sealed record PledgeFulfilmentExportRow(
    [property: Description("认捐编号")] int PledgeId,
    [property: Description("捐赠方")] string Donor,
    [property: Description("内容")] string Description,
    [property: Description("类型")] string Kind,
    [property: Description("承诺")] long? Promised,
    [property: Description("单位")] string Unit,
    [property: Description("已收")] long Received,
    [property: Description("未收")] long? Outstanding,
    [property: Description("已兑现")] bool Fulfilled,
    [property: Description("预计日期")] DateOnly? ExpectedOn,
    [property: Description("逾期")] bool Overdue)
{
    public static PledgeFulfilmentExportRow Of(PledgeFulfilment pledge) => new(
        pledge.Pledge.Id, pledge.DonorName, pledge.Pledge.Description, pledge.Pledge.Kind.ToString(),
        pledge.Promised, pledge.Pledge.Kind == Pledges.PledgeKind.Cash ? "fen" : pledge.Pledge.PromisedUnit ?? string.Empty,
        pledge.Received, pledge.Outstanding, pledge.Fulfilled, pledge.Pledge.ExpectedOn, pledge.Overdue);
}

/// <summary>The auditor's reports as export datasets (<c>/exports/{name}.csv|.xlsx</c>), for the period given by from/to.</summary>
public static class ReportExports
{
    public static ExportRegistry AddReports(this ExportRegistry registry)
    {
        foreach (var group in Enum.GetValues<ReconciliationGroup>())
        {
            registry.AddReport($"reconciliation-by-{group.ToString().ToLowerInvariant()}", $"对账（{group}）", Roles.Readers, "period",
                async request => (IReadOnlyList<ReconciliationExportRow>)
                    [.. await ReconciliationAsync(request, group)]);
        }

        return registry
            .AddReport("pledge-fulfilment", "认捐兑现", Roles.Readers, "-", async request =>
                (IReadOnlyList<PledgeFulfilmentExportRow>)[.. (await PledgeFulfilmentReport.ComputeAsync(
                    request.Db, DateOnly.FromDateTime(request.Clock.GetUtcNow().UtcDateTime), request.CancellationToken)).Select(PledgeFulfilmentExportRow.Of)])
            .AddReport("household-coverage", "户受助情况", Roles.Readers, "period", async request =>
                (await HouseholdCoverageReport.ComputeAsync(request.Db, new HouseholdCoverageParameters(From(request), To(request), null), request.CancellationToken)).Households)
            .AddReport("social-unit-coverage", "各社受助情况", Roles.Readers, "period", async request =>
                (await HouseholdCoverageReport.ComputeAsync(request.Db, new HouseholdCoverageParameters(From(request), To(request), null), request.CancellationToken)).SocialUnits);
    }

    private static async Task<IEnumerable<ReconciliationExportRow>> ReconciliationAsync(ExportRequest request, ReconciliationGroup group)
    {
        var report = await ReconciliationReport.ComputeAsync(request.Db, new ReconciliationParameters(From(request), To(request), group), request.CancellationToken);
        return report.Rows.Append(report.Totals).Select(ReconciliationExportRow.Of);
    }

    // The export endpoint passes the open ends of a period as the extreme times; the reports take null.
    private static DateTime? From(ExportRequest request) => request.From == DateTime.MinValue ? null : request.From;

    private static DateTime? To(ExportRequest request) => request.To == DateTime.MaxValue ? null : request.To;
}
