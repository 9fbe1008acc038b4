using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.Recipients;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.HandoverPage;

/// <summary>
/// What the handover page shows of an item. Recipients appear only as name and social unit, which
/// every role (volunteers too) may see; nothing else of a household is read.
/// </summary>
public sealed record ItemDetails(
    string LabelCode,
    TrackingMode Tracking,
    int QuantityOnHand,
    string Description,
    string Unit,
    string Category,
    string CategoryEn,
    string Donor,
    RecipientName? PlannedRecipient,
    IReadOnlyList<PastHandover> Handovers)
{
    /// <summary>The item with this (canonical) label code, or null when there is none; a few small queries, one page load.</summary>
    public static async Task<ItemDetails?> LoadAsync(AppDbContext db, string labelCode, CancellationToken cancellationToken)
    {
        var item = await (
                from i in db.StockItems
                where i.LabelCode == labelCode
                join l in db.DonationLines on i.DonationLineId equals l.Id
                join c in db.Categories on l.CategoryId equals c.Id
                join d in db.InKindDonations on l.DonationId equals d.Id
                join donor in db.Donors on d.DonorId equals donor.Id
                select new
                {
                    i.Id, i.LabelCode, i.Tracking, i.QuantityOnHand, l.Description, l.Unit,
                    Category = c.Name, CategoryEn = c.NameEn, Donor = donor.Name, l.PlannedRecipientId,
                })
            .FirstOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return null;
        }

        // Distributed entries that were not reversed: where the goods really went.
        var handovers = item.QuantityOnHand > 0
            ? []
            : await (
                    from e in db.StockEntries
                    where e.StockItemId == item.Id && e.Kind == LedgerEntryKind.Distributed
                        && !db.StockEntries.Any(r => r.ReversesEntryId == e.Id)
                    join h in db.Handovers on e.HandoverId equals h.Id
                    orderby e.Id
                    select new { h.RecipientId, h.HandedOverAt, h.HandedOverBy, h.ReceivedBy, Quantity = -e.Quantity })
                .ToListAsync(cancellationToken);

        var recipientIds = handovers.Select(h => h.RecipientId).ToList();
        if (item.PlannedRecipientId is { } plannedId)
        {
            recipientIds.Add(plannedId);
        }

        var recipients = await (
                from r in db.Recipients
                where recipientIds.Contains(r.Id)
                join p in db.Recipients on r.ParentId equals p.Id into parents
                from p in parents.DefaultIfEmpty()
                select new { r.Id, r.Name, r.Kind, ParentName = p == null ? null : p.Name, ParentKind = p == null ? (RecipientKind?)null : p.Kind })
            .ToDictionaryAsync(r => r.Id, r => new RecipientName(r.Name, r.ParentKind == RecipientKind.SocialUnit ? r.ParentName : null), cancellationToken);
        var userNames = handovers.Select(h => h.HandedOverBy).Distinct().ToList();
        var displayNames = await db.Users.Where(u => userNames.Contains(u.UserName))
            .ToDictionaryAsync(u => u.UserName, u => u.DisplayName, cancellationToken);

        return new ItemDetails(
            item.LabelCode, item.Tracking, item.QuantityOnHand, item.Description, item.Unit, item.Category, item.CategoryEn, item.Donor,
            item.PlannedRecipientId is { } planned ? recipients.GetValueOrDefault(planned) : null,
            handovers.Select(h => new PastHandover(
                recipients[h.RecipientId], h.HandedOverAt, h.HandedOverBy, displayNames.GetValueOrDefault(h.HandedOverBy), h.ReceivedBy, h.Quantity)).ToList());
    }
}

/// <summary>A recipient as a volunteer may see it: its name and, for a household, its social unit.</summary>
public sealed record RecipientName(string Name, string? SocialUnit);

public sealed record PastHandover(RecipientName Recipient, DateTime HandedOverAt, string HandedOverBy, string? HandedOverByDisplayName, string ReceivedBy, int Quantity);
