using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Funds;

/// <summary>
/// The only code that moves cash: appends a fund entry and, in the same transaction, moves the
/// fund's cached balance with a guarded update, so a fund can never be overdrawn, not even by
/// two requests racing for its last yuan.
/// </summary>
public static class CashLedger
{
    public static async Task<FundEntry> AppendAsync(
        AppDbContext db,
        CurrentActor actor,
        Fund fund,
        LedgerEntryKind kind,
        long amountFen,
        CancellationToken cancellationToken,
        int? cashDonationId = null,
        int? disbursementId = null,
        long? reversesEntryId = null,
        string? reason = null)
    {
        var fundId = fund.Id;
        var moved = await db.Funds
            .Where(f => f.Id == fundId && f.BalanceFen + amountFen >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.BalanceFen, f => f.BalanceFen + amountFen), cancellationToken);
        if (moved == 0)
        {
            var balance = await db.Funds.Where(f => f.Id == fundId).Select(f => f.BalanceFen).FirstAsync(cancellationToken);
            throw new DomainException(new FundOverdrawnError(fundId, fund.Name, -amountFen, balance));
        }

        var entry = new FundEntry
        {
            FundId = fundId,
            Kind = kind,
            AmountFen = amountFen,
            CashDonationId = cashDonationId,
            DisbursementId = disbursementId,
            ReversesEntryId = reversesEntryId,
            Reason = reason,
            RecordedBy = actor.Name,
            RecordedAt = actor.Now,
        };
        db.FundEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    public static async Task<Fund> FindFundAsync(AppDbContext db, int fundId, string field, string? rawId, CancellationToken cancellationToken) =>
        await db.Funds.FirstOrDefaultAsync(f => f.Id == fundId, cancellationToken)
        ?? throw new DomainException(new NotFoundError(field, "Fund", rawId ?? string.Empty));
}
