using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.Disbursements;
using GaLaAid.Api.Donations;
using GaLaAid.Api.GraphQL;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Funds;

public sealed class LedgerEntryKindType : EnumerationGraphType<LedgerEntryKind>
{
    public LedgerEntryKindType()
    {
        Name = "LedgerEntryKind";
        Description = "Why a ledger entry moved goods or cash: received, distributed (handover), disbursed (cash), adjusted (with a reason) or reversal (of another entry).";
    }
}

public sealed class FundType : ObjectGraphType<Fund>
{
    public FundType()
    {
        Name = "Fund";
        Description = "Where cash sits and what it may be spent on. Its balance is the sum of its entries.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is Fund;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this fund.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field(f => f.Name).Description("The fund's name, e.g. 慰问金.");
        Field(f => f.Purpose, nullable: true).Description("What the fund's money may be spent on.");
        Field(f => f.BalanceFen).Description("Balance in fen (1 yuan = 100 fen): the sum of the fund's entries.");
        Field<NonNullGraphType<DecimalGraphType>>("balanceYuan").Description("Balance in yuan, exact to the fen.")
            .Resolve(ctx => Money.ToYuan(ctx.Source.BalanceFen));
        Field(f => f.RecordedBy).Description("Who opened the fund.");
        Field(f => f.RecordedAt).Description("When the fund was opened (UTC).");
        Field<NonNullGraphType<ConnectionGraphType<FundEntryType>>>("entries")
            .Description("The fund's ledger entries, oldest first unless 'order' says otherwise.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<FundEntryQuerySpec>())
            .Resolve(ctx => ctx.ChildConnection(
                "FundEntries", ctx.Source.Id,
                (db, ids) => db.FundEntries.Where(e => ids.Contains(e.FundId)),
                e => e.FundId, e => e.Id, QuerySpecs.Of<FundEntryQuerySpec>()));
    }
}

public sealed class FundEntryType : ObjectGraphType<FundEntry>
{
    public FundEntryType()
    {
        Name = "FundEntry";
        Description = "One append-only movement of cash: positive into the fund, negative out of it.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is FundEntry;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this entry.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field<NonNullGraphType<FundType>>("fund").Description("The fund this entry moved.")
            .Resolve(ctx => ctx.LoadById<Fund>(ctx.Source.FundId));
        Field<NonNullGraphType<LedgerEntryKindType>>("kind").Description("Why the cash moved.").Resolve(ctx => ctx.Source.Kind);
        Field(e => e.AmountFen).Description("Signed amount in fen: positive into the fund, negative out of it.");
        Field<NonNullGraphType<DecimalGraphType>>("amountYuan").Description("Signed amount in yuan, exact to the fen.")
            .Resolve(ctx => Money.ToYuan(ctx.Source.AmountFen));
        Field<CashDonationType>("cashDonation").Description("The cash donation this entry received, if any.")
            .Resolve(ctx => ctx.LoadOptionalById<CashDonation>(ctx.Source.CashDonationId));
        Field<DisbursementType>("disbursement").Description("The disbursement this entry paid, if any.")
            .Resolve(ctx => ctx.LoadOptionalById<Disbursement>(ctx.Source.DisbursementId));
        Field<FundEntryType>("reverses").Description("For a reversal: the entry it cancels.")
            .Resolve(ctx => ctx.LoadOptionalByLongId<FundEntry>(ctx.Source.ReversesEntryId));
        Field(e => e.Reason, nullable: true).Description("Why an adjustment or reversal was made.");
        Field(e => e.RecordedBy).Description("Who recorded this entry.");
        Field(e => e.RecordedAt).Description("When this entry was recorded (UTC).");
    }
}

public static class FundQueries
{
    public static void AddFundQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<FundType>>>("funds")
            .AllowRoles(Roles.Readers)
            .Description("All funds with their balances.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<FundQuerySpec>())
            .ResolveAsync(async ctx => await ctx.PageAsync(ctx.Service<AppDbContext>().Funds, f => f.Id, QuerySpecs.Of<FundQuerySpec>()));

        query.Field<NonNullGraphType<ConnectionGraphType<FundBalanceType>>>("fundBalances")

            .AllowRoles(Roles.Readers)
            .Description("Each fund's balance broken down by kind of entry, summed from the ledger itself, in the order the funds were opened.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<FundQuerySpec>())
            .ResolveAsync(async ctx =>
            {
                var db = ctx.Service<AppDbContext>();
                var funds = await ctx.PageAsync(db.Funds, f => f.Id, QuerySpecs.Of<FundQuerySpec>());
                return await funds.MapAsync(page => FundBalance.ComputeAsync(db, page, ctx.CancellationToken));
            });

        query.Field<NonNullGraphType<ConnectionGraphType<FundEntryType>>>("fundEntries")

            .AllowRoles(Roles.Readers)
            .Description("The whole cash ledger, oldest entry first.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<FundEntryQuerySpec>())
            .ResolveAsync(async ctx => await ctx.PageAsync(ctx.Service<AppDbContext>().FundEntries, e => e.Id, QuerySpecs.Of<FundEntryQuerySpec>()));
    }
}

/// <summary>A fund's totals per kind of entry, as summed from the entries (not from the cached balance).</summary>
public sealed record FundBalance(Fund Fund, long ReceivedFen, long DisbursedFen, long AdjustedFen, long ReversedFen)
{
    public long BalanceFen => ReceivedFen + DisbursedFen + AdjustedFen + ReversedFen;

    public static async Task<IReadOnlyList<FundBalance>> ComputeAsync(AppDbContext db, IReadOnlyList<Fund> funds, CancellationToken cancellationToken)
    {
        var ids = funds.Select(f => f.Id).ToList();
        var sums = await db.FundEntries
            .Where(e => ids.Contains(e.FundId))
            .GroupBy(e => new { e.FundId, e.Kind })
            .Select(g => new { g.Key.FundId, g.Key.Kind, Total = g.Sum(e => e.AmountFen) })
            .ToListAsync(cancellationToken);
        return funds.Select(fund =>
        {
            long Sum(LedgerEntryKind kind) => sums.Where(s => s.FundId == fund.Id && s.Kind == kind).Sum(s => s.Total);
            return new FundBalance(fund, Sum(LedgerEntryKind.Received), Sum(LedgerEntryKind.Disbursed), Sum(LedgerEntryKind.Adjusted), Sum(LedgerEntryKind.Reversal));
        }).ToList();
    }
}

public sealed class FundBalanceType : ObjectGraphType<FundBalance>
{
    public FundBalanceType()
    {
        Name = "FundBalance";
        Description = "A fund's balance as the sum of its entries: received + disbursed + adjusted + reversed (disbursements are negative).";
        Field<NonNullGraphType<FundType>>("fund").Description("The fund.").Resolve(ctx => ctx.Source.Fund);
        Field(b => b.ReceivedFen).Description("Sum of Received entries, in fen.");
        Field(b => b.DisbursedFen).Description("Sum of Disbursed entries, in fen (zero or negative).");
        Field(b => b.AdjustedFen).Description("Sum of Adjusted entries, in fen.");
        Field(b => b.ReversedFen).Description("Sum of Reversal entries, in fen.");
        Field(b => b.BalanceFen).Description("The balance: the sum of all the fund's entries, in fen.");
        Field<NonNullGraphType<DecimalGraphType>>("balanceYuan").Description("The balance in yuan, exact to the fen.")
            .Resolve(ctx => Money.ToYuan(ctx.Source.BalanceFen));
        Field<NonNullGraphType<BooleanGraphType>>("matchesCachedBalance")
            .Description("True when the sum of the entries equals the fund's cached balance, as it always must.")
            .Resolve(ctx => ctx.Source.BalanceFen == ctx.Source.Fund.BalanceFen);
    }
}
