using System.ComponentModel;
using GaLaAid.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Reports;

/// <summary>How the reconciliation splits the ledger into rows.</summary>
public enum ReconciliationGroup
{
    [Description("Goods by the category (kind) of their donation line; cash does not apply.")]
    Category,

    [Description("Goods by the donor of their in-kind donation; cash by the donor of the cash donation an entry belongs to (receipts and their reversals only: pooled cash cannot be traced to a donor once paid out).")]
    Donor,

    [Description("Where things are: one OFFICE row for what is in stock and in the funds (the whole ledger), and one row per recipient with what was handed or paid to it.")]
    Recipient,

    [Description("Cash by fund; goods do not apply.")]
    Fund,
}

/// <summary>What a reconciliation row stands for.</summary>
public enum ReconciliationRowKind
{
    [Description("A category (kind) of goods.")]
    Category,
    [Description("A donor.")]
    Donor,
    [Description("A recipient: the village committee, a social unit or a household.")]
    Recipient,
    [Description("A fund.")]
    Fund,
    [Description("The office itself: everything in stock and in the funds (RECIPIENT grouping).")]
    Office,
    [Description("The whole ledger, whatever the grouping.")]
    Total,
}

/// <param name="From">Inclusive start (UTC); null for the beginning of the ledger.</param>
/// <param name="To">Exclusive end (UTC); null for no end.</param>
public sealed record ReconciliationParameters(DateTime? From, DateTime? To, ReconciliationGroup GroupBy)
{
    public void EnsureValid()
    {
        if (From is { } from && To is { } to && from.ToUniversalTime() > to.ToUniversalTime())
        {
            throw new ArgumentException($"'from' ({from:O}) is after 'to' ({to:O}).");
        }
    }
}

/// <summary>
/// One quantity (goods, their estimated value, or cash) through a period. Distributed is shown as a
/// positive amount that left; the others are signed, so
/// Opening + Received − Distributed + Adjusted + Reversed = Closing.
/// </summary>
/// <param name="After">The net change recorded at or after the period's end: Closing + After is what the ledger holds now.</param>
public sealed record ReconciliationFigures(long Opening, long Received, long Distributed, long Adjusted, long Reversed, long Closing, long After)
{
    public static readonly ReconciliationFigures Zero = new(0, 0, 0, 0, 0, 0, 0);

    public bool Adds => Opening + Received - Distributed + Adjusted + Reversed == Closing;

    public long Now => Closing + After;

    public ReconciliationFigures Plus(ReconciliationFigures other) => new(
        Opening + other.Opening,
        Received + other.Received,
        Distributed + other.Distributed,
        Adjusted + other.Adjusted,
        Reversed + other.Reversed,
        Closing + other.Closing,
        After + other.After);

    /// <summary>The same movements seen from the recipient's side: what left the office arrived there.</summary>
    public ReconciliationFigures AsReceivedByRecipient() =>
        new(-Opening, Distributed - Received, 0, -Adjusted, -Reversed, -Closing, -After);
}

/// <param name="CachedQuantityOnHand">The items' cached on-hand quantities summed, where the row's goods are a set of items; else null.</param>
/// <param name="CachedValueOnHandFen">Those quantities at their lines' estimated unit values.</param>
public sealed record GoodsReconciliation(
    ReconciliationFigures Quantity, ReconciliationFigures ValueFen, long? CachedQuantityOnHand, long? CachedValueOnHandFen)
{
    public bool Balances =>
        Quantity.Adds && ValueFen.Adds
        && (CachedQuantityOnHand is not { } q || q == Quantity.Now)
        && (CachedValueOnHandFen is not { } v || v == ValueFen.Now);
}

/// <param name="CachedBalanceFen">The funds' cached balances summed, where the row's cash is a set of funds; else null.</param>
public sealed record CashReconciliation(ReconciliationFigures AmountFen, long? CachedBalanceFen)
{
    public bool Balances => AmountFen.Adds && (CachedBalanceFen is not { } c || c == AmountFen.Now);
}

/// <summary>One group of the reconciliation; Goods or Cash is null where that ledger does not apply to the grouping.</summary>
public sealed record ReconciliationRow(ReconciliationRowKind Kind, int? Id, string Name, GoodsReconciliation? Goods, CashReconciliation? Cash)
{
    public bool Balances => (Goods?.Balances ?? true) && (Cash?.Balances ?? true);
}

public sealed record Reconciliation(ReconciliationParameters Parameters, IReadOnlyList<ReconciliationRow> Rows, ReconciliationRow Totals)
{
    public bool Balances => Totals.Balances && Rows.All(r => r.Balances);
}

/// <summary>
/// Opening + received − distributed ± adjustments = closing, per group, summed by the database
/// (one GROUP BY per ledger, one for the cached balances, one for the groups' names), so its cost
/// grows with the entries only inside SQL.
/// </summary>
/// <remarks>
/// The period is the time entries were recorded in the ledger (their recordedAt), not the dates
/// written on donations or handovers: the ledger at a moment is the entries recorded by then, and
/// only that can be checked against the cached balances.
/// </remarks>
public static class ReconciliationReport
{
    public static async Task<Reconciliation> ComputeAsync(AppDbContext db, ReconciliationParameters parameters, CancellationToken cancellationToken)
    {
        parameters.EnsureValid();
        var period = new Period(parameters.From?.ToUniversalTime() ?? DateTime.MinValue, parameters.To?.ToUniversalTime() ?? DateTime.MaxValue);
        var group = parameters.GroupBy;
        var withGoods = group != ReconciliationGroup.Fund;
        var withCash = group != ReconciliationGroup.Category;

        var goods = withGoods ? await GoodsSumsAsync(db, group, period, cancellationToken) : [];
        var goodsCached = withGoods ? await GoodsCachedAsync(db, group, cancellationToken) : [];
        var cash = withCash ? await CashSumsAsync(db, group, period, cancellationToken) : [];
        var funds = withCash ? await db.Funds.Select(f => new { f.Id, f.Name, f.BalanceFen }).ToListAsync(cancellationToken) : [];

        var goodsByKey = goods.ToDictionary(g => g.Key ?? 0);
        var cachedByKey = goodsCached.ToDictionary(g => g.Key ?? 0);
        var cashByKey = cash.ToDictionary(c => c.Key ?? 0);
        var goodsTotal = goods.Aggregate(Sums.Zero, (sum, g) => sum.Plus(g));
        var cashTotal = cash.Aggregate(Sums.Zero, (sum, c) => sum.Plus(c));
        var cachedTotal = goodsCached.Aggregate(Sums.Zero, (sum, c) => sum.Plus(c));
        var fundsTotal = funds.Sum(f => f.BalanceFen);

        var totals = new ReconciliationRow(
            ReconciliationRowKind.Total,
            null,
            "Total",
            withGoods ? new GoodsReconciliation(goodsTotal.Quantity(), goodsTotal.Value(), cachedTotal.OnHand, cachedTotal.OnHandValue) : null,
            withCash ? new CashReconciliation(cashTotal.Quantity(), fundsTotal) : null);

        var rows = new List<ReconciliationRow>();
        switch (group)
        {
            case ReconciliationGroup.Category:
            {
                var ids = goodsByKey.Keys.Union(cachedByKey.Keys).ToList();
                var names = await db.Categories.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
                rows.AddRange(ids.Order().Select(id => new ReconciliationRow(
                    ReconciliationRowKind.Category, id, names.GetValueOrDefault(id, $"#{id}"), GoodsOf(id, goodsByKey, cachedByKey), null)));
                break;
            }

            case ReconciliationGroup.Donor:
            {
                var ids = goodsByKey.Keys.Union(cachedByKey.Keys).Union(cashByKey.Keys.Where(k => k != 0)).ToList();
                var names = await db.Donors.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
                rows.AddRange(ids.Order().Select(id => new ReconciliationRow(
                    ReconciliationRowKind.Donor,
                    id,
                    names.GetValueOrDefault(id, $"#{id}"),
                    GoodsOf(id, goodsByKey, cachedByKey),
                    new CashReconciliation(cashByKey.TryGetValue(id, out var c) ? c.Quantity() : ReconciliationFigures.Zero, null))));
                break;
            }

            case ReconciliationGroup.Recipient:
            {
                rows.Add(totals with { Kind = ReconciliationRowKind.Office, Name = "Office (in stock and in funds)" });
                var ids = goodsByKey.Keys.Union(cashByKey.Keys).Where(k => k != 0).ToList();
                var names = await db.Recipients.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
                rows.AddRange(ids.Order().Select(id => new ReconciliationRow(
                    ReconciliationRowKind.Recipient,
                    id,
                    names.GetValueOrDefault(id, $"#{id}"),
                    goodsByKey.TryGetValue(id, out var g)
                        ? new GoodsReconciliation(g.Quantity().AsReceivedByRecipient(), g.Value().AsReceivedByRecipient(), null, null)
                        : new GoodsReconciliation(ReconciliationFigures.Zero, ReconciliationFigures.Zero, null, null),
                    new CashReconciliation(cashByKey.TryGetValue(id, out var c) ? c.Quantity().AsReceivedByRecipient() : ReconciliationFigures.Zero, null))));
                break;
            }

            case ReconciliationGroup.Fund:
                rows.AddRange(funds.Select(f => f.Id).Union(cashByKey.Keys).Order().Select(id =>
                {
                    var fund = funds.FirstOrDefault(f => f.Id == id);
                    return new ReconciliationRow(
                        ReconciliationRowKind.Fund,
                        id,
                        fund?.Name ?? $"#{id}",
                        null,
                        new CashReconciliation(cashByKey.TryGetValue(id, out var c) ? c.Quantity() : ReconciliationFigures.Zero, fund?.BalanceFen ?? 0));
                }));
                break;
        }

        return new Reconciliation(parameters, rows, totals);
    }

    private static GoodsReconciliation GoodsOf(int id, Dictionary<int, Sums> sums, Dictionary<int, Sums> cached)
    {
        var s = sums.GetValueOrDefault(id, Sums.Zero);
        var c = cached.GetValueOrDefault(id, Sums.Zero);
        return new GoodsReconciliation(s.Quantity(), s.Value(), c.OnHand, c.OnHandValue);
    }

    private sealed record Period(DateTime From, DateTime To);

    /// <summary>A ledger entry reduced to what the sums need; a class with setters so EF can group by its members.</summary>
    private sealed class Fact
    {
        public int? Key { get; init; }
        public LedgerEntryKind Kind { get; init; }
        public long Quantity { get; init; }
        public long Value { get; init; }
        public DateTime At { get; init; }
    }

    /// <summary>Signed sums of one group as the database returns them (distributed and disbursed negative).</summary>
    private sealed class Sums
    {
        public static readonly Sums Zero = new();

        public int? Key { get; init; }
        public long Opening { get; init; }
        public long Received { get; init; }
        public long Out { get; init; }
        public long Adjusted { get; init; }
        public long Reversed { get; init; }
        public long Closing { get; init; }
        public long After { get; init; }
        public long OpeningValue { get; init; }
        public long ReceivedValue { get; init; }
        public long OutValue { get; init; }
        public long AdjustedValue { get; init; }
        public long ReversedValue { get; init; }
        public long ClosingValue { get; init; }
        public long AfterValue { get; init; }
        public long OnHand { get; init; }
        public long OnHandValue { get; init; }

        public ReconciliationFigures Quantity() => new(Opening, Received, -Out, Adjusted, Reversed, Closing, After);

        public ReconciliationFigures Value() => new(OpeningValue, ReceivedValue, -OutValue, AdjustedValue, ReversedValue, ClosingValue, AfterValue);

        public Sums Plus(Sums o) => new()
        {
            Opening = Opening + o.Opening,
            Received = Received + o.Received,
            Out = Out + o.Out,
            Adjusted = Adjusted + o.Adjusted,
            Reversed = Reversed + o.Reversed,
            Closing = Closing + o.Closing,
            After = After + o.After,
            OpeningValue = OpeningValue + o.OpeningValue,
            ReceivedValue = ReceivedValue + o.ReceivedValue,
            OutValue = OutValue + o.OutValue,
            AdjustedValue = AdjustedValue + o.AdjustedValue,
            ReversedValue = ReversedValue + o.ReversedValue,
            ClosingValue = ClosingValue + o.ClosingValue,
            AfterValue = AfterValue + o.AfterValue,
            OnHand = OnHand + o.OnHand,
            OnHandValue = OnHandValue + o.OnHandValue,
        };
    }

    private static IQueryable<Fact> GoodsFacts(AppDbContext db, ReconciliationGroup group) => group switch
    {
        ReconciliationGroup.Category =>
            from e in db.StockEntries
            join i in db.StockItems on e.StockItemId equals i.Id
            join l in db.DonationLines on i.DonationLineId equals l.Id
            select new Fact { Key = l.CategoryId, Kind = e.Kind, Quantity = e.Quantity, Value = e.Quantity * l.EstimatedUnitValueFen, At = e.RecordedAt },
        ReconciliationGroup.Donor =>
            from e in db.StockEntries
            join i in db.StockItems on e.StockItemId equals i.Id
            join l in db.DonationLines on i.DonationLineId equals l.Id
            join d in db.InKindDonations on l.DonationId equals d.Id
            select new Fact { Key = d.DonorId, Kind = e.Kind, Quantity = e.Quantity, Value = e.Quantity * l.EstimatedUnitValueFen, At = e.RecordedAt },
        _ =>
            from e in db.StockEntries
            join i in db.StockItems on e.StockItemId equals i.Id
            join l in db.DonationLines on i.DonationLineId equals l.Id
            from h in db.Handovers.Where(h => h.Id == e.HandoverId).DefaultIfEmpty()
            select new Fact { Key = h == null ? null : h.RecipientId, Kind = e.Kind, Quantity = e.Quantity, Value = e.Quantity * l.EstimatedUnitValueFen, At = e.RecordedAt },
    };

    private static IQueryable<Fact> CashFacts(AppDbContext db, ReconciliationGroup group) => group switch
    {
        ReconciliationGroup.Donor =>
            from e in db.FundEntries
            from d in db.CashDonations.Where(d => d.Id == e.CashDonationId).DefaultIfEmpty()
            select new Fact { Key = d == null ? null : d.DonorId, Kind = e.Kind, Quantity = e.AmountFen, Value = 0L, At = e.RecordedAt },
        ReconciliationGroup.Recipient =>
            from e in db.FundEntries
            from d in db.Disbursements.Where(d => d.Id == e.DisbursementId).DefaultIfEmpty()
            select new Fact { Key = d == null ? null : d.RecipientId, Kind = e.Kind, Quantity = e.AmountFen, Value = 0L, At = e.RecordedAt },
        _ =>
            from e in db.FundEntries
            select new Fact { Key = e.FundId, Kind = e.Kind, Quantity = e.AmountFen, Value = 0L, At = e.RecordedAt },
    };

    private static Task<List<Sums>> GoodsSumsAsync(AppDbContext db, ReconciliationGroup group, Period period, CancellationToken cancellationToken) =>
        SumAsync(GoodsFacts(db, group), LedgerEntryKind.Distributed, period, cancellationToken);

    private static Task<List<Sums>> CashSumsAsync(AppDbContext db, ReconciliationGroup group, Period period, CancellationToken cancellationToken) =>
        SumAsync(CashFacts(db, group), LedgerEntryKind.Disbursed, period, cancellationToken);

    /// <summary>
    /// One GROUP BY with conditional sums. An entry of a kind that does not belong to its ledger (a
    /// Disbursed goods entry, an unknown kind) is in Closing but in no movement, so its row does not add up.
    /// </summary>
    private static Task<List<Sums>> SumAsync(IQueryable<Fact> facts, LedgerEntryKind outKind, Period period, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        return facts
            .GroupBy(f => f.Key)
            .Select(g => new Sums
            {
                Key = g.Key,
                Opening = g.Sum(f => f.At < from ? f.Quantity : 0L),
                Received = g.Sum(f => f.At >= from && f.At < to && f.Kind == LedgerEntryKind.Received ? f.Quantity : 0L),
                Out = g.Sum(f => f.At >= from && f.At < to && f.Kind == outKind ? f.Quantity : 0L),
                Adjusted = g.Sum(f => f.At >= from && f.At < to && f.Kind == LedgerEntryKind.Adjusted ? f.Quantity : 0L),
                Reversed = g.Sum(f => f.At >= from && f.At < to && f.Kind == LedgerEntryKind.Reversal ? f.Quantity : 0L),
                Closing = g.Sum(f => f.At < to ? f.Quantity : 0L),
                After = g.Sum(f => f.At >= to ? f.Quantity : 0L),
                OpeningValue = g.Sum(f => f.At < from ? f.Value : 0L),
                ReceivedValue = g.Sum(f => f.At >= from && f.At < to && f.Kind == LedgerEntryKind.Received ? f.Value : 0L),
                OutValue = g.Sum(f => f.At >= from && f.At < to && f.Kind == outKind ? f.Value : 0L),
                AdjustedValue = g.Sum(f => f.At >= from && f.At < to && f.Kind == LedgerEntryKind.Adjusted ? f.Value : 0L),
                ReversedValue = g.Sum(f => f.At >= from && f.At < to && f.Kind == LedgerEntryKind.Reversal ? f.Value : 0L),
                ClosingValue = g.Sum(f => f.At < to ? f.Value : 0L),
                AfterValue = g.Sum(f => f.At >= to ? f.Value : 0L),
            })
            .ToListAsync(cancellationToken);
    }

    /// <summary>The items' cached on-hand quantities per group; for RECIPIENT, all items in one group (the office's stock).</summary>
    private static Task<List<Sums>> GoodsCachedAsync(AppDbContext db, ReconciliationGroup group, CancellationToken cancellationToken)
    {
        var items = group switch
        {
            ReconciliationGroup.Category =>
                from i in db.StockItems
                join l in db.DonationLines on i.DonationLineId equals l.Id
                select new Fact { Key = l.CategoryId, Quantity = i.QuantityOnHand, Value = i.QuantityOnHand * l.EstimatedUnitValueFen },
            ReconciliationGroup.Donor =>
                from i in db.StockItems
                join l in db.DonationLines on i.DonationLineId equals l.Id
                join d in db.InKindDonations on l.DonationId equals d.Id
                select new Fact { Key = d.DonorId, Quantity = i.QuantityOnHand, Value = i.QuantityOnHand * l.EstimatedUnitValueFen },
            _ =>
                from i in db.StockItems
                join l in db.DonationLines on i.DonationLineId equals l.Id
                select new Fact { Key = null, Quantity = i.QuantityOnHand, Value = i.QuantityOnHand * l.EstimatedUnitValueFen },
        };
        return items
            .GroupBy(i => i.Key)
            .Select(g => new Sums { Key = g.Key, OnHand = g.Sum(i => i.Quantity), OnHandValue = g.Sum(i => i.Value) })
            .ToListAsync(cancellationToken);
    }
}
