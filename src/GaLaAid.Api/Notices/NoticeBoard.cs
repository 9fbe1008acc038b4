using System.Globalization;
using GaLaAid.Api.Data;
using GaLaAid.Api.Recipients;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Notices;

/// <summary>A period of whole days (UTC), first and last day included.</summary>
public sealed record NoticePeriod(DateOnly First, DateOnly Last)
{
    public DateTime Start => First.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime End => Last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public bool IsCalendarMonth => First.Day == 1 && Last == First.AddMonths(1).AddDays(-1);

    public static NoticePeriod MonthOf(DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        return new NoticePeriod(first, first.AddMonths(1).AddDays(-1));
    }

    public string Query => string.Create(CultureInfo.InvariantCulture, $"from={First:yyyy-MM-dd}&to={Last:yyyy-MM-dd}");
}

/// <summary>Goods of one category and unit of measure.</summary>
public sealed record NoticeGoods(string Category, string CategoryEn, string Unit, long Quantity);

/// <summary>What one household received, under its masked name.</summary>
public sealed record NoticeHousehold(string MaskedName, IReadOnlyList<NoticeGoods> Goods, long CashFen);

/// <summary>The head of the audit trail when the notice was made: whoever notes it can later check that nothing before it changed.</summary>
public sealed record NoticeAuditHead(long Sequence, string Hash);

/// <summary>
/// What a social unit and its households received in a period, as a village notice board (公示)
/// publishes it: goods by category, goods and cash per household under a masked name, totals,
/// and nothing else about a household.
/// </summary>
public sealed record Notice(
    string Village, string Unit, NoticePeriod Period, IReadOnlyList<NoticeGoods> Received, IReadOnlyList<NoticeGoods> ToTheUnit,
    IReadOnlyList<NoticeHousehold> Households, long CashFen, NoticeAuditHead? AuditHead);

public sealed record NoticeUnit(int Id, string Name, int? UnitNumber);

public static class NoticeBoard
{
    public static Task<List<NoticeUnit>> UnitsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Recipients.AsNoTracking()
            .Where(r => r.Kind == RecipientKind.SocialUnit)
            .OrderBy(r => r.UnitNumber).ThenBy(r => r.Id)
            .Select(r => new NoticeUnit(r.Id, r.Name, r.UnitNumber))
            .ToListAsync(cancellationToken);

    /// <summary>The notice of a social unit, or null when there is no social unit with this id.</summary>
    public static async Task<Notice?> ForUnitAsync(AppDbContext db, int unitId, NoticePeriod period, CancellationToken cancellationToken)
    {
        // Read in one transaction so the audit head printed is the head of the ledger the figures come from.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var unit = await db.Recipients.AsNoTracking()
            .Where(r => r.Id == unitId && r.Kind == RecipientKind.SocialUnit)
            .Select(r => new { r.Name, Village = db.Recipients.Where(v => v.Id == r.ParentId).Select(v => v.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var households = await db.Recipients.AsNoTracking()
            .Where(r => r.ParentId == unitId && r.Kind == RecipientKind.Household)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Name })
            .ToListAsync(cancellationToken);
        var members = households.Select(h => h.Id).Append(unitId).ToList();

        var (start, end) = (period.Start, period.End);
        // A handover's goods are its entries: Distributed (negative) and the reversals of them (positive).
        var goods = await (
                from e in db.StockEntries
                join h in db.Handovers on e.HandoverId equals h.Id
                where members.Contains(h.RecipientId) && h.HandedOverAt >= start && h.HandedOverAt < end
                join i in db.StockItems on e.StockItemId equals i.Id
                join l in db.DonationLines on i.DonationLineId equals l.Id
                join c in db.Categories on l.CategoryId equals c.Id
                group e.Quantity by new { h.RecipientId, c.Id, c.Name, c.NameEn, l.Unit } into g
                select new { g.Key.RecipientId, CategoryId = g.Key.Id, g.Key.Name, g.Key.NameEn, g.Key.Unit, Given = -g.Sum(q => (long)q) })
            .ToListAsync(cancellationToken);
        goods = goods.Where(g => g.Given != 0).OrderBy(g => g.CategoryId).ThenBy(g => g.Unit, StringComparer.Ordinal).ToList();

        var (first, last) = (period.First, period.Last);
        // What a disbursement paid is what its fund entries took out: a reversed payment counts as nothing.
        var cash = await db.Disbursements
            .Where(d => members.Contains(d.RecipientId) && d.PaidOn >= first && d.PaidOn <= last)
            .Select(d => new { d.RecipientId, Paid = -db.FundEntries.Where(f => f.DisbursementId == d.Id).Sum(f => f.AmountFen) })
            .ToListAsync(cancellationToken);

        var head = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new NoticeAuditHead(e.Sequence, e.Hash))
            .FirstOrDefaultAsync(cancellationToken);

        static List<NoticeGoods> Sum(IEnumerable<(string Name, string NameEn, string Unit, long Given)> rows) =>
            rows.GroupBy(r => (r.Name, r.NameEn, r.Unit))
                .Select(g => new NoticeGoods(g.Key.Name, g.Key.NameEn, g.Key.Unit, g.Sum(r => r.Given)))
                .Where(g => g.Quantity != 0)
                .ToList();

        var perHousehold = households
            .Select(h => new NoticeHousehold(
                HouseholdName.Mask(h.Name),
                Sum(goods.Where(g => g.RecipientId == h.Id).Select(g => (g.Name, g.NameEn, g.Unit, g.Given))),
                cash.Where(c => c.RecipientId == h.Id).Sum(c => c.Paid)))
            .Where(h => h.Goods.Count > 0 || h.CashFen != 0)
            .ToList();

        return new Notice(
            VillageName(unit.Village),
            unit.Name,
            period,
            Sum(goods.Select(g => (g.Name, g.NameEn, g.Unit, g.Given))),
            Sum(goods.Where(g => g.RecipientId == unitId).Select(g => (g.Name, g.NameEn, g.Unit, g.Given))),
            perHousehold,
            cash.Sum(c => c.Paid),
            head);
    }

    /// <summary>The committee is registered as 尕拉村村委会 (or 尕拉村委会); the notice names the village, 尕拉村.</summary>
    private static string VillageName(string? committee) =>
        committee is null ? string.Empty
        : committee.EndsWith("村村委会", StringComparison.Ordinal) ? committee[..^3]
        : committee.EndsWith("村委会", StringComparison.Ordinal) ? committee[..^2]
        : committee;
}

/// <summary>How a notice board shows a household's name: enough for neighbours to recognise it, not enough to copy it.</summary>
public static class HouseholdName
{
    /// <summary>First and last character kept, the ones between starred: 張小明 → 張*明, 欧阳小明 → 欧**明; 張三 → 張*; 張 → *.</summary>
    public static string Mask(string name)
    {
        var characters = new List<string>();
        var elements = StringInfo.GetTextElementEnumerator(name.Trim());
        while (elements.MoveNext())
        {
            characters.Add(elements.GetTextElement());
        }

        return characters.Count switch
        {
            0 => string.Empty,
            1 => "*",
            2 => characters[0] + "*",
            _ => characters[0] + new string('*', characters.Count - 2) + characters[^1],
        };
    }
}
