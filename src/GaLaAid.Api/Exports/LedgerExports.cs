using GaLaAid.Api.Accounts;
using GaLaAid.Api.Audit;
using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.Pledges;
using GaLaAid.Api.Recipients;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Exports;

/// <summary>The raw ledger, one dataset per table, each row joined with the names an auditor reads it by.</summary>
public static class LedgerExports
{
    public sealed record StockEntryRow(
        long Id, LedgerEntryKind Kind, string ItemCode, string Category, string CategoryEn, string Description, int Quantity, string Unit,
        long UnitValueFen, int? HandoverId, string? Recipient, long? ReversesEntryId, string? Reason, string RecordedBy, DateTime RecordedAt);

    public sealed record FundEntryRow(
        long Id, string Fund, LedgerEntryKind Kind, long AmountFen, int? CashDonationId, int? DisbursementId, long? ReversesEntryId,
        string? Reason, string RecordedBy, DateTime RecordedAt);

    public sealed record CashDonationRow(
        int Id, string Donor, string Fund, long AmountFen, DateOnly ReceivedOn, int? PledgeId, string? Note, string RecordedBy, DateTime RecordedAt);

    public sealed record DonationLineRow(
        int Id, int DonationId, int LineNumber, string Donor, DateOnly ReceivedOn, string Category, string CategoryEn, string Description,
        int Quantity, string Unit, long UnitValueFen, ItemCondition Condition, TrackingMode Tracking, string? PlannedRecipient, int? PledgeId,
        string RecordedBy, DateTime RecordedAt);

    public sealed record HandoverRow(
        int Id, string Recipient, RecipientKind RecipientKind, string? SocialUnit, string HandedOverBy, string ReceivedBy, DateTime HandedOverAt,
        string? Location, string? Note, string RecordedBy, DateTime RecordedAt);

    public sealed record DisbursementRow(
        int Id, string Fund, string Recipient, long AmountFen, string Purpose, DateOnly PaidOn, string? ReceivedBy, string RecordedBy, DateTime RecordedAt);

    public sealed record PledgeRow(
        int Id, string Donor, PledgeKind Kind, string Description, long? PromisedAmountFen, string? PromisedCategory, int? PromisedQuantity,
        string? PromisedUnit, DateOnly? ExpectedOn, string? IntendedRecipient, string RecordedBy, DateTime RecordedAt);

    public sealed record RecipientRow(
        int Id, RecipientKind Kind, string Name, string? Parent, int? UnitNumber, string? HeadOfHousehold, int? MemberCount, bool IsRegisteredPoor,
        string? IdNumber, string? Phone, string? Note, string RecordedBy, DateTime RecordedAt);

    public sealed record ItemRow(
        int Id, string LabelCode, TrackingMode Tracking, string Category, string CategoryEn, string Description, int ReceivedQuantity,
        int QuantityOnHand, string Unit, long UnitValueFen, int DonationLineId, int DonationId);

    public static ExportRegistry AddLedger(this ExportRegistry registry) => registry
        .Add("stock-entries", "库存流水", Roles.Readers, "recordedAt", StockEntries, c => c
            .Number("id", "编号", r => r.Id)
            .Text("kind", "类型", r => r.Kind.ToString())
            .Text("itemCode", "标签码", r => r.ItemCode)
            .Text("category", "类别", r => r.Category)
            .Text("categoryEn", "类别（英文）", r => r.CategoryEn)
            .Text("description", "物品", r => r.Description)
            .Number("quantity", "数量", r => r.Quantity)
            .Text("unit", "单位", r => r.Unit)
            .Money("estimatedValueYuan", "估值（元）", r => r.Quantity * r.UnitValueFen)
            .Number("handoverId", "发放单号", r => r.HandoverId)
            .Text("recipient", "受助方", r => r.Recipient)
            .Number("reversesEntryId", "冲销流水号", r => r.ReversesEntryId)
            .Text("reason", "原因", r => r.Reason)
            .Text("recordedBy", "记录人", r => r.RecordedBy)
            .Timestamp("recordedAt", "记录时间（UTC）", r => r.RecordedAt))
        .Add("fund-entries", "资金流水", Roles.Readers, "recordedAt", FundEntries, c => c
            .Number("id", "编号", r => r.Id)
            .Text("fund", "资金", r => r.Fund)
            .Text("kind", "类型", r => r.Kind.ToString())
            .Money("amountYuan", "金额（元）", r => r.AmountFen)
            .Number("cashDonationId", "捐款编号", r => r.CashDonationId)
            .Number("disbursementId", "支出编号", r => r.DisbursementId)
            .Number("reversesEntryId", "冲销流水号", r => r.ReversesEntryId)
            .Text("reason", "原因", r => r.Reason)
            .Text("recordedBy", "记录人", r => r.RecordedBy)
            .Timestamp("recordedAt", "记录时间（UTC）", r => r.RecordedAt))
        .Add("cash-donations", "现金捐赠", Roles.Readers, "recordedAt", CashDonations, c => c
            .Number("id", "编号", r => r.Id)
            .Text("donor", "捐赠方", r => r.Donor)
            .Text("fund", "资金", r => r.Fund)
            .Money("amountYuan", "金额（元）", r => r.AmountFen)
            .Date("receivedOn", "收到日期", r => r.ReceivedOn)
            .Number("pledgeId", "认捐编号", r => r.PledgeId)
            .Text("note", "备注", r => r.Note)
            .Text("recordedBy", "记录人", r => r.RecordedBy)
            .Timestamp("recordedAt", "记录时间（UTC）", r => r.RecordedAt))
        .Add("in-kind-donation-lines", "实物捐赠明细", Roles.Readers, "recordedAt", DonationLines, c => c
            .Number("id", "编号", r => r.Id)
            .Number("donationId", "捐赠编号", r => r.DonationId)
            .Number("lineNumber", "行号", r => r.LineNumber)
            .Text("donor", "捐赠方", r => r.Donor)
            .Date("receivedOn", "收到日期", r => r.ReceivedOn)
            .Text("category", "类别", r => r.Category)
            .Text("categoryEn", "类别（英文）", r => r.CategoryEn)
            .Text("description", "物品", r => r.Description)
            .Number("quantity", "数量", r => r.Quantity)
            .Text("unit", "单位", r => r.Unit)
            .Money("estimatedUnitValueYuan", "估计单价（元）", r => r.UnitValueFen)
            .Money("estimatedValueYuan", "估值（元）", r => r.Quantity * r.UnitValueFen)
            .Text("condition", "成色", r => r.Condition.ToString())
            .Text("tracking", "管理方式", r => r.Tracking.ToString())
            .Text("plannedRecipient", "计划受助方", r => r.PlannedRecipient)
            .Number("pledgeId", "认捐编号", r => r.PledgeId)
            .Text("recordedBy", "记录人", r => r.RecordedBy)
            .Timestamp("recordedAt", "记录时间（UTC）", r => r.RecordedAt))
        .Add("handovers", "物资发放", Roles.Readers, "handedOverAt", Handovers, c => c
            .Number("id", "编号", r => r.Id)
            .Text("recipient", "受助方", r => r.Recipient)
            .Text("recipientKind", "受助方类型", r => r.RecipientKind.ToString())
            .Text("socialUnit", "所属社", r => r.SocialUnit)
            .Text("handedOverBy", "发放人", r => r.HandedOverBy)
            .Text("receivedBy", "领取人", r => r.ReceivedBy)
            .Timestamp("handedOverAt", "发放时间（UTC）", r => r.HandedOverAt)
            .Text("location", "地点", r => r.Location)
            .Text("note", "备注", r => r.Note)
            .Text("recordedBy", "记录人", r => r.RecordedBy)
            .Timestamp("recordedAt", "记录时间（UTC）", r => r.RecordedAt))
        .Add("disbursements", "资金支出", Roles.Readers, "recordedAt", Disbursements, c => c
            .Number("id", "编号", r => r.Id)
            .Text("fund", "资金", r => r.Fund)
            .Text("recipient", "受助方", r => r.Recipient)
            .Money("amountYuan", "金额（元）", r => r.AmountFen)
            .Text("purpose", "用途", r => r.Purpose)
            .Date("paidOn", "支付日期", r => r.PaidOn)
            .Text("receivedBy", "领取人", r => r.ReceivedBy)
            .Text("recordedBy", "记录人", r => r.RecordedBy)
            .Timestamp("recordedAt", "记录时间（UTC）", r => r.RecordedAt))
        .Add("pledges", "认捐", Roles.Readers, "recordedAt", Pledges, c => c
            .Number("id", "编号", r => r.Id)
            .Text("donor", "捐赠方", r => r.Donor)
            .Text("kind", "类型", r => r.Kind.ToString())
            .Text("description", "内容", r => r.Description)
            .Money("promisedAmountYuan", "认捐金额（元）", r => r.PromisedAmountFen)
            .Text("promisedCategory", "认捐物资类别", r => r.PromisedCategory)
            .Number("promisedQuantity", "认捐数量", r => r.PromisedQuantity)
            .Text("promisedUnit", "单位", r => r.PromisedUnit)
            .Date("expectedOn", "预计日期", r => r.ExpectedOn)
            .Text("intendedRecipient", "指定受助方", r => r.IntendedRecipient)
            .Text("recordedBy", "记录人", r => r.RecordedBy)
            .Timestamp("recordedAt", "记录时间（UTC）", r => r.RecordedAt))
        .Add("recipients", "受助方", Roles.Readers, "recordedAt", Recipients, c => c
            .Number("id", "编号", r => r.Id)
            .Text("kind", "类型", r => r.Kind.ToString())
            .Text("name", "名称", r => r.Name)
            .Text("parent", "上级", r => r.Parent)
            .Number("unitNumber", "社号", r => r.UnitNumber)
            .Text("headOfHousehold", "户主", r => r.HeadOfHousehold)
            .Number("memberCount", "人口", r => r.MemberCount)
            .Flag("isRegisteredPoor", "建档立卡", r => r.IsRegisteredPoor)
            .Text("idNumber", "身份证号", r => r.IdNumber)
            .Text("phone", "电话", r => r.Phone)
            .Text("note", "备注", r => r.Note)
            .Text("recordedBy", "记录人", r => r.RecordedBy)
            .Timestamp("recordedAt", "记录时间（UTC）", r => r.RecordedAt))
        .Add("items", "库存物品", Roles.Readers, "-", Items, c => c
            .Number("id", "编号", r => r.Id)
            .Text("labelCode", "标签码", r => r.LabelCode)
            .Text("tracking", "管理方式", r => r.Tracking.ToString())
            .Text("category", "类别", r => r.Category)
            .Text("categoryEn", "类别（英文）", r => r.CategoryEn)
            .Text("description", "物品", r => r.Description)
            .Number("receivedQuantity", "入库数量", r => r.ReceivedQuantity)
            .Number("quantityOnHand", "现存数量", r => r.QuantityOnHand)
            .Text("unit", "单位", r => r.Unit)
            .Money("estimatedValueOnHandYuan", "现存估值（元）", r => r.QuantityOnHand * r.UnitValueFen)
            .Number("donationLineId", "捐赠明细编号", r => r.DonationLineId)
            .Number("donationId", "捐赠编号", r => r.DonationId))
        .Add("audit-trail", "审计记录", AuditQueries.Readers, "recordedAt", AuditTrailRows, c => c
            .Number("sequence", "序号", r => r.Sequence)
            .Timestamp("recordedAt", "时间（UTC）", r => r.RecordedAt)
            .Text("actor", "操作人", r => r.Actor)
            .Text("operation", "操作", r => r.Operation)
            .Text("input", "输入", r => r.Input)
            .Text("writes", "写入的行", r => r.Writes)
            .Text("previousHash", "前一哈希", r => r.PreviousHash)
            .Text("hash", "哈希", r => r.Hash));

    private static IAsyncEnumerable<StockEntryRow> StockEntries(ExportRequest r) => Keyset.ReadAsync(
        after =>
            from e in r.Db.StockEntries.AsNoTracking()
            where e.Id > after && e.RecordedAt >= r.From && e.RecordedAt < r.To
            join i in r.Db.StockItems on e.StockItemId equals i.Id
            join l in r.Db.DonationLines on i.DonationLineId equals l.Id
            join c in r.Db.Categories on l.CategoryId equals c.Id
            join h in r.Db.Handovers on e.HandoverId equals h.Id into hs
            from h in hs.DefaultIfEmpty()
            join rc in r.Db.Recipients on h!.RecipientId equals rc.Id into rs
            from rc in rs.DefaultIfEmpty()
            orderby e.Id
            select new StockEntryRow(
                e.Id, e.Kind, i.LabelCode, c.Name, c.NameEn, l.Description, e.Quantity, l.Unit, l.EstimatedUnitValueFen,
                e.HandoverId, rc == null ? null : rc.Name, e.ReversesEntryId, e.Reason, e.RecordedBy, e.RecordedAt),
        row => row.Id, r.CancellationToken);

    private static IAsyncEnumerable<FundEntryRow> FundEntries(ExportRequest r) => Keyset.ReadAsync(
        after =>
            from e in r.Db.FundEntries.AsNoTracking()
            where e.Id > after && e.RecordedAt >= r.From && e.RecordedAt < r.To
            join f in r.Db.Funds on e.FundId equals f.Id
            orderby e.Id
            select new FundEntryRow(e.Id, f.Name, e.Kind, e.AmountFen, e.CashDonationId, e.DisbursementId, e.ReversesEntryId,
                e.Reason, e.RecordedBy, e.RecordedAt),
        row => row.Id, r.CancellationToken);

    private static IAsyncEnumerable<CashDonationRow> CashDonations(ExportRequest r) => Keyset.ReadAsync(
        after =>
            from d in r.Db.CashDonations.AsNoTracking()
            where d.Id > after && d.RecordedAt >= r.From && d.RecordedAt < r.To
            join donor in r.Db.Donors on d.DonorId equals donor.Id
            join f in r.Db.Funds on d.FundId equals f.Id
            orderby d.Id
            select new CashDonationRow(d.Id, donor.Name, f.Name, d.AmountFen, d.ReceivedOn, d.PledgeId, d.Note, d.RecordedBy, d.RecordedAt),
        row => row.Id, r.CancellationToken);

    private static IAsyncEnumerable<DonationLineRow> DonationLines(ExportRequest r) => Keyset.ReadAsync(
        after =>
            from l in r.Db.DonationLines.AsNoTracking()
            where l.Id > after
            join d in r.Db.InKindDonations on l.DonationId equals d.Id
            where d.RecordedAt >= r.From && d.RecordedAt < r.To
            join donor in r.Db.Donors on d.DonorId equals donor.Id
            join c in r.Db.Categories on l.CategoryId equals c.Id
            join p in r.Db.Recipients on l.PlannedRecipientId equals p.Id into ps
            from p in ps.DefaultIfEmpty()
            orderby l.Id
            select new DonationLineRow(
                l.Id, d.Id, l.LineNumber, donor.Name, d.ReceivedOn, c.Name, c.NameEn, l.Description, l.Quantity, l.Unit, l.EstimatedUnitValueFen,
                l.Condition, l.Tracking, p == null ? null : p.Name, d.PledgeId, d.RecordedBy, d.RecordedAt),
        row => row.Id, r.CancellationToken);

    private static IAsyncEnumerable<HandoverRow> Handovers(ExportRequest r) => Keyset.ReadAsync(
        after =>
            from h in r.Db.Handovers.AsNoTracking()
            where h.Id > after && h.HandedOverAt >= r.From && h.HandedOverAt < r.To
            join rc in r.Db.Recipients on h.RecipientId equals rc.Id
            join u in r.Db.Recipients on rc.ParentId equals u.Id into us
            from u in us.DefaultIfEmpty()
            orderby h.Id
            select new HandoverRow(
                h.Id, rc.Name, rc.Kind,
                rc.Kind == RecipientKind.Household ? u!.Name : rc.Kind == RecipientKind.SocialUnit ? rc.Name : null,
                h.HandedOverBy, h.ReceivedBy, h.HandedOverAt, h.Location, h.Note, h.RecordedBy, h.RecordedAt),
        row => row.Id, r.CancellationToken);

    private static IAsyncEnumerable<DisbursementRow> Disbursements(ExportRequest r) => Keyset.ReadAsync(
        after =>
            from d in r.Db.Disbursements.AsNoTracking()
            where d.Id > after && d.RecordedAt >= r.From && d.RecordedAt < r.To
            join f in r.Db.Funds on d.FundId equals f.Id
            join rc in r.Db.Recipients on d.RecipientId equals rc.Id
            orderby d.Id
            select new DisbursementRow(d.Id, f.Name, rc.Name, d.AmountFen, d.Purpose, d.PaidOn, d.ReceivedBy, d.RecordedBy, d.RecordedAt),
        row => row.Id, r.CancellationToken);

    private static IAsyncEnumerable<PledgeRow> Pledges(ExportRequest r) => Keyset.ReadAsync(
        after =>
            from p in r.Db.Pledges.AsNoTracking()
            where p.Id > after && p.RecordedAt >= r.From && p.RecordedAt < r.To
            join donor in r.Db.Donors on p.DonorId equals donor.Id
            join c in r.Db.Categories on p.PromisedCategoryId equals c.Id into cs
            from c in cs.DefaultIfEmpty()
            join rc in r.Db.Recipients on p.IntendedRecipientId equals rc.Id into rs
            from rc in rs.DefaultIfEmpty()
            orderby p.Id
            select new PledgeRow(
                p.Id, donor.Name, p.Kind, p.Description, p.PromisedAmountFen, c == null ? null : c.Name, p.PromisedQuantity,
                p.PromisedUnit, p.ExpectedOn, rc == null ? null : rc.Name, p.RecordedBy, p.RecordedAt),
        row => row.Id, r.CancellationToken);

    /// <summary>What GraphQL shows the same reader: the identity number in full to admins only, masked to its last four characters for everyone else.</summary>
    private static async IAsyncEnumerable<RecipientRow> Recipients(ExportRequest r)
    {
        var fullIdNumbers = r.User.IsInRole(Roles.Admin);
        var rows = Keyset.ReadAsync(
            after =>
                from rc in r.Db.Recipients.AsNoTracking()
                where rc.Id > after && rc.RecordedAt >= r.From && rc.RecordedAt < r.To
                join p in r.Db.Recipients on rc.ParentId equals p.Id into ps
                from p in ps.DefaultIfEmpty()
                orderby rc.Id
                select new RecipientRow(
                    rc.Id, rc.Kind, rc.Name, p == null ? null : p.Name, rc.UnitNumber, rc.HeadOfHousehold, rc.MemberCount,
                    rc.IsRegisteredPoor, rc.IdNumber, rc.Phone, rc.Note, rc.RecordedBy, rc.RecordedAt),
            row => row.Id, r.CancellationToken);
        await foreach (var row in rows)
        {
            yield return fullIdNumbers ? row : row with { IdNumber = HouseholdPrivacy.Mask(row.IdNumber) };
        }
    }

    private static IAsyncEnumerable<ItemRow> Items(ExportRequest r) => Keyset.ReadAsync(
        after =>
            from i in r.Db.StockItems.AsNoTracking()
            where i.Id > after
            join l in r.Db.DonationLines on i.DonationLineId equals l.Id
            join c in r.Db.Categories on l.CategoryId equals c.Id
            orderby i.Id
            select new ItemRow(
                i.Id, i.LabelCode, i.Tracking, c.Name, c.NameEn, l.Description, i.ReceivedQuantity, i.QuantityOnHand, l.Unit,
                l.EstimatedUnitValueFen, l.Id, l.DonationId),
        row => row.Id, r.CancellationToken);

    private static IAsyncEnumerable<AuditEntry> AuditTrailRows(ExportRequest r) => Keyset.ReadAsync(
        after => r.Db.AuditEntries.AsNoTracking()
            .Where(e => e.Sequence > after && e.RecordedAt >= r.From && e.RecordedAt < r.To)
            .OrderBy(e => e.Sequence),
        row => row.Sequence, r.CancellationToken);
}
