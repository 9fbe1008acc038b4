using GaLaAid.Api.Data;
using GaLaAid.Api.Pledges;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Reports;

/// <summary>
/// One pledge against what arrived for it. Received counts only receipts that stand: a receipt that
/// was reversed adds nothing. Goods count the quantity and estimated value received on the donations'
/// lines, only lines of the promised kind when the pledge names one.
/// </summary>
public sealed record PledgeFulfilment(
    Pledge Pledge,
    string DonorName,
    long ReceivedAmountFen,
    long ReceivedQuantity,
    long ReceivedValueFen,
    DateOnly Today)
{
    /// <summary>The promised figure: fen for cash, the quantity for goods; null when the pledge names none.</summary>
    public long? Promised => Pledge.Kind == PledgeKind.Cash ? Pledge.PromisedAmountFen : Pledge.PromisedQuantity;

    /// <summary>Received in the promised figure's terms.</summary>
    public long Received => Pledge.Kind == PledgeKind.Cash ? ReceivedAmountFen : ReceivedQuantity;

    public long? Outstanding => Promised is { } promised ? Math.Max(0, promised - Received) : null;

    /// <summary>All that was promised arrived; for a pledge that names no figure, anything arrived.</summary>
    public bool Fulfilled => Promised is { } promised ? Received >= promised : Received > 0;

    public bool Overdue => !Fulfilled && Pledge.ExpectedOn is { } expected && expected < Today;
}

public static class PledgeFulfilmentReport
{
    /// <summary>Every pledge in the order recorded, with three commands whatever the number of pledges and donations.</summary>
    public static async Task<IReadOnlyList<PledgeFulfilment>> ComputeAsync(AppDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var pledges = await (
                from p in db.Pledges
                join d in db.Donors on p.DonorId equals d.Id
                orderby p.Id
                select new { Pledge = p, DonorName = d.Name })
            .ToListAsync(cancellationToken);
        var cash = await ReceivedFenAsync(db, null, cancellationToken);
        var goods = await (
                from e in db.StockEntries
                join i in db.StockItems on e.StockItemId equals i.Id
                join l in db.DonationLines on i.DonationLineId equals l.Id
                join d in db.InKindDonations on l.DonationId equals d.Id
                join p in db.Pledges on d.PledgeId equals p.Id
                where (e.Kind == LedgerEntryKind.Received
                        || (e.Kind == LedgerEntryKind.Reversal && db.StockEntries.Any(r => r.Id == e.ReversesEntryId && r.Kind == LedgerEntryKind.Received)))
                    && (p.PromisedCategoryId == null || p.PromisedCategoryId == l.CategoryId)
                group new { e.Quantity, l.EstimatedUnitValueFen } by p.Id into g
                select new { PledgeId = g.Key, Quantity = g.Sum(x => (long)x.Quantity), Value = g.Sum(x => x.Quantity * x.EstimatedUnitValueFen) })
            .ToDictionaryAsync(g => g.PledgeId, cancellationToken);
        return pledges.Select(p => new PledgeFulfilment(
                p.Pledge,
                p.DonorName,
                cash.GetValueOrDefault(p.Pledge.Id),
                goods.TryGetValue(p.Pledge.Id, out var g) ? g.Quantity : 0,
                goods.TryGetValue(p.Pledge.Id, out var v) ? v.Value : 0,
                today))
            .ToList();
    }

    /// <summary>
    /// Cash received per pledge: the Received entries of its cash donations and their reversals,
    /// so a reversed receipt counts nothing. Null <paramref name="pledgeIds"/> means every pledge.
    /// </summary>
    public static async Task<Dictionary<int, long>> ReceivedFenAsync(AppDbContext db, IReadOnlyList<int>? pledgeIds, CancellationToken cancellationToken)
    {
        var donations = db.CashDonations.Where(d => d.PledgeId != null);
        if (pledgeIds is not null)
        {
            donations = donations.Where(d => pledgeIds.Contains(d.PledgeId!.Value));
        }

        return await (
                from e in db.FundEntries
                join d in donations on e.CashDonationId equals d.Id
                group e.AmountFen by d.PledgeId!.Value into g
                select new { PledgeId = g.Key, Fen = g.Sum() })
            .ToDictionaryAsync(g => g.PledgeId, g => g.Fen, cancellationToken);
    }
}
