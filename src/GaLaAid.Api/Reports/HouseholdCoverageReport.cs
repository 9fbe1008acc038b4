using GaLaAid.Api.Data;
using GaLaAid.Api.Recipients;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Reports;

/// <param name="From">Inclusive start (UTC), compared with the entries' recordedAt; null for the beginning.</param>
/// <param name="To">Exclusive end (UTC); null for no end.</param>
/// <param name="SocialUnitId">Only the households of this social unit; null for every household.</param>
public sealed record HouseholdCoverageParameters(DateTime? From, DateTime? To, int? SocialUnitId);

/// <summary>
/// What one household received in the period, net of reversals: goods (quantity and estimated value)
/// handed over to it and cash paid to it. No identity-document number or phone: this report is for
/// comparing households, not for reaching them.
/// </summary>
public sealed record HouseholdAid(
    int HouseholdId, string Name, int SocialUnitId, string SocialUnitName, int? MemberCount, long GoodsQuantity, long GoodsValueFen, long CashFen)
{
    public long TotalFen => GoodsValueFen + CashFen;

    /// <summary>Total per member, rounded to the fen; null when the member count is unknown or zero.</summary>
    public long? PerMemberFen => MemberCount is { } members and > 0 ? Divide(TotalFen, members) : null;

    /// <summary>Nothing at all, not even goods of no estimated value.</summary>
    public bool ReceivedNothing => GoodsQuantity == 0 && CashFen == 0;

    public static long Divide(long fen, long by) => (long)Math.Round((decimal)fen / by, MidpointRounding.AwayFromZero);
}

/// <summary>Goods a household received out of one social unit's allocation.</summary>
public sealed record AllocationShare(int SocialUnitId, string SocialUnitName, long GoodsQuantity, long GoodsValueFen);

/// <summary>A household that received goods allocated to a social unit other than its own.</summary>
public sealed record MultiUnitHousehold(HouseholdAid Household, IReadOnlyList<AllocationShare> Allocations);

/// <summary>A social unit's households side by side.</summary>
public sealed record SocialUnitAid(
    int SocialUnitId, string Name, int? UnitNumber, int Households, int Members, long GoodsValueFen, long CashFen,
    int HouseholdsReceivingNothing, long MinPerHouseholdFen, long MaxPerHouseholdFen)
{
    public long TotalFen => GoodsValueFen + CashFen;

    public long? PerMemberFen => Members > 0 ? HouseholdAid.Divide(TotalFen, Members) : null;

    public long? PerHouseholdFen => Households > 0 ? HouseholdAid.Divide(TotalFen, Households) : null;
}

public sealed record HouseholdCoverage(
    HouseholdCoverageParameters Parameters,
    IReadOnlyList<HouseholdAid> Households,
    IReadOnlyList<MultiUnitHousehold> MultiUnitHouseholds,
    IReadOnlyList<SocialUnitAid> SocialUnits)
{
    public IReadOnlyList<HouseholdAid> ReceivedNothing => Households.Where(h => h.ReceivedNothing).ToList();
}

/// <summary>
/// Per-household aid over a period, summed by the database in four commands: households, social
/// units, goods by household and allocation, cash by household.
/// </summary>
/// <remarks>
/// A social unit's allocation is what donation lines planned for it (DonationLine.PlannedRecipientId
/// naming the unit, or one of its households). Goods planned for the village committee or for no one
/// are nobody's allocation. Cash carries no allocation (a disbursement names a fund and a free-text
/// purpose), so only goods can make a household multi-unit.
/// </remarks>
public static class HouseholdCoverageReport
{
    public static async Task<HouseholdCoverage> ComputeAsync(AppDbContext db, HouseholdCoverageParameters parameters, CancellationToken cancellationToken)
    {
        if (parameters.From is { } f && parameters.To is { } t && f.ToUniversalTime() > t.ToUniversalTime())
        {
            throw new ArgumentException($"'from' ({f:O}) is after 'to' ({t:O}).");
        }

        var start = parameters.From?.ToUniversalTime() ?? DateTime.MinValue;
        var end = parameters.To?.ToUniversalTime() ?? DateTime.MaxValue;
        var unitFilter = parameters.SocialUnitId;

        var households = db.Recipients.Where(r => r.Kind == RecipientKind.Household && r.ParentId != null
            && (unitFilter == null || r.ParentId == unitFilter));
        var householdRows = await households
            .OrderBy(r => r.ParentId).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Name, UnitId = r.ParentId!.Value, r.MemberCount })
            .ToListAsync(cancellationToken);
        var units = await db.Recipients
            .Where(r => r.Kind == RecipientKind.SocialUnit && (unitFilter == null || r.Id == unitFilter))
            .OrderBy(r => r.UnitNumber).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Name, r.UnitNumber })
            .ToListAsync(cancellationToken);

        var goods = await (
                from e in db.StockEntries
                join h in db.Handovers on e.HandoverId equals h.Id
                join household in households on h.RecipientId equals household.Id
                join i in db.StockItems on e.StockItemId equals i.Id
                join l in db.DonationLines on i.DonationLineId equals l.Id
                from planned in db.Recipients.Where(p => p.Id == l.PlannedRecipientId).DefaultIfEmpty()
                where e.RecordedAt >= start && e.RecordedAt < end
                    && (e.Kind == LedgerEntryKind.Distributed || e.Kind == LedgerEntryKind.Reversal)
                group new { e.Quantity, l.EstimatedUnitValueFen }
                    by new
                    {
                        HouseholdId = h.RecipientId,
                        AllocationUnitId = planned == null ? null
                            : planned.Kind == RecipientKind.SocialUnit ? (int?)planned.Id
                            : planned.Kind == RecipientKind.Household ? planned.ParentId
                            : null,
                    }
                into g
                select new
                {
                    g.Key.HouseholdId,
                    g.Key.AllocationUnitId,
                    Quantity = -g.Sum(x => (long)x.Quantity),
                    Value = -g.Sum(x => x.Quantity * x.EstimatedUnitValueFen),
                })
            .ToListAsync(cancellationToken);
        var cash = await (
                from e in db.FundEntries
                join d in db.Disbursements on e.DisbursementId equals d.Id
                join household in households on d.RecipientId equals household.Id
                where e.RecordedAt >= start && e.RecordedAt < end
                group e.AmountFen by d.RecipientId into g
                select new { HouseholdId = g.Key, Fen = -g.Sum() })
            .ToDictionaryAsync(c => c.HouseholdId, c => c.Fen, cancellationToken);

        var unitNames = units.ToDictionary(u => u.Id, u => u.Name);
        var goodsByHousehold = goods.ToLookup(g => g.HouseholdId);
        var aid = householdRows.Select(h => new HouseholdAid(
                h.Id,
                h.Name,
                h.UnitId,
                unitNames.GetValueOrDefault(h.UnitId, string.Empty),
                h.MemberCount,
                goodsByHousehold[h.Id].Sum(g => g.Quantity),
                goodsByHousehold[h.Id].Sum(g => g.Value),
                cash.GetValueOrDefault(h.Id)))
            .ToList();

        var allocationUnitIds = goods.Where(g => g.AllocationUnitId is not null).Select(g => g.AllocationUnitId!.Value).Distinct().ToList();
        var allocationNames = allocationUnitIds.All(unitNames.ContainsKey)
            ? unitNames
            : await db.Recipients.Where(r => allocationUnitIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var multiUnit = aid
            .Select(h => new MultiUnitHousehold(
                h,
                goodsByHousehold[h.HouseholdId]
                    .Where(g => g.AllocationUnitId is not null && g.Quantity > 0)
                    .OrderBy(g => g.AllocationUnitId != h.SocialUnitId).ThenBy(g => g.AllocationUnitId)
                    .Select(g => new AllocationShare(g.AllocationUnitId!.Value, allocationNames.GetValueOrDefault(g.AllocationUnitId.Value, string.Empty), g.Quantity, g.Value))
                    .ToList()))
            .Where(m => m.Allocations.Any(a => a.SocialUnitId != m.Household.SocialUnitId))
            .ToList();

        var socialUnits = units.Select(u =>
            {
                var members = aid.Where(h => h.SocialUnitId == u.Id).ToList();
                return new SocialUnitAid(
                    u.Id,
                    u.Name,
                    u.UnitNumber,
                    members.Count,
                    members.Sum(h => h.MemberCount ?? 0),
                    members.Sum(h => h.GoodsValueFen),
                    members.Sum(h => h.CashFen),
                    members.Count(h => h.ReceivedNothing),
                    members.Count == 0 ? 0 : members.Min(h => h.TotalFen),
                    members.Count == 0 ? 0 : members.Max(h => h.TotalFen));
            })
            .ToList();

        return new HouseholdCoverage(parameters, aid, multiUnit, socialUnits);
    }
}
