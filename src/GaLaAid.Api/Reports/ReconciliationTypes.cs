using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Reports;

public sealed class ReconciliationGroupType : EnumerationGraphType<ReconciliationGroup>
{
    public ReconciliationGroupType()
    {
        Name = "ReconciliationGroup";
        Description = "How the reconciliation splits the ledger into rows.";
    }
}

public sealed class ReconciliationRowKindType : EnumerationGraphType<ReconciliationRowKind>
{
    public ReconciliationRowKindType()
    {
        Name = "ReconciliationRowKind";
        Description = "What a reconciliation row stands for.";
    }
}

public sealed class ReconciliationFiguresType : ObjectGraphType<ReconciliationFigures>
{
    public ReconciliationFiguresType()
    {
        Name = "ReconciliationFigures";
        Description = "One measure (a quantity, an estimated value or cash in fen) through the period: opening + received − distributed + adjusted + reversed = closing.";
        Field(f => f.Opening).Description("What was held at the start of the period: the sum of the entries recorded before 'from'.");
        Field(f => f.Received).Description("Received in the period: Received entries (for a recipient's row: what was handed or paid to it).");
        Field(f => f.Distributed).Description("What left in the period, as a positive number: Distributed entries (goods) or Disbursed entries (cash). Zero on a recipient's row.");
        Field(f => f.Adjusted).Description("Adjusted entries in the period, signed (count corrections, losses, damage).");
        Field(f => f.Reversed).Description("Reversal entries in the period, signed: a reversed receipt is negative, a reversed handover or payment positive (on a recipient's row, negative).");
        Field(f => f.Closing).Description("What was held at the end of the period: the sum of the entries recorded before 'to'.");
        Field(f => f.After).Description("The net change recorded at or after 'to'; closing + after is what the ledger holds now.");
        Field<NonNullGraphType<BooleanGraphType>>("adds")
            .Description("True when opening + received − distributed + adjusted + reversed equals closing. False means the ledger holds an entry of a kind that does not belong to it.")
            .Resolve(ctx => ctx.Source.Adds);
    }
}

public sealed class GoodsReconciliationType : ObjectGraphType<GoodsReconciliation>
{
    public GoodsReconciliationType()
    {
        Name = "GoodsReconciliation";
        Description = "Goods through the period, as quantities (in the lines' units) and as estimated value (quantity × the line's estimated unit value).";
        Field<NonNullGraphType<ReconciliationFiguresType>>("quantity").Description("Quantities, summed over the lines' units.").Resolve(ctx => ctx.Source.Quantity);
        Field<NonNullGraphType<ReconciliationFiguresType>>("valueFen").Description("Estimated value in fen.").Resolve(ctx => ctx.Source.ValueFen);
        Field(g => g.CachedQuantityOnHand, nullable: true)
            .Description("The items' cached quantityOnHand summed, for rows whose goods are a set of items (a category, a donor, the office, the total); null on a recipient's row.");
        Field(g => g.CachedValueOnHandFen, nullable: true).Description("Those cached quantities at their lines' estimated unit values, in fen.");
        Field<NonNullGraphType<BooleanGraphType>>("balances")
            .Description("Both measures add up, and closing + after equals the cached figures where there are any.")
            .Resolve(ctx => ctx.Source.Balances);
    }
}

public sealed class CashReconciliationType : ObjectGraphType<CashReconciliation>
{
    public CashReconciliationType()
    {
        Name = "CashReconciliation";
        Description = "Cash through the period, in fen.";
        Field<NonNullGraphType<ReconciliationFiguresType>>("amountFen").Description("Amounts in fen.").Resolve(ctx => ctx.Source.AmountFen);
        Field(c => c.CachedBalanceFen, nullable: true)
            .Description("The funds' cached balanceFen summed, for rows whose cash is a set of funds (a fund, the office, the total); null on a donor's or a recipient's row.");
        Field<NonNullGraphType<BooleanGraphType>>("balances")
            .Description("The amounts add up, and closing + after equals the cached balance where there is one.")
            .Resolve(ctx => ctx.Source.Balances);
    }
}

public sealed class ReconciliationRowType : ObjectGraphType<ReconciliationRow>
{
    public ReconciliationRowType()
    {
        Name = "ReconciliationRow";
        Description = "One group of the reconciliation. Goods apply to CATEGORY, DONOR and RECIPIENT groupings, cash to FUND, DONOR and RECIPIENT.";
        Field<NonNullGraphType<ReconciliationRowKindType>>("kind").Description("What the row stands for.").Resolve(ctx => ctx.Source.Kind);
        Field<IdGraphType>("id").Description("Global id of the category, donor, recipient or fund; null for the office and the total.")
            .Resolve(ctx => ctx.Source.Id is { } id ? GlobalId.Encode(TypeName(ctx.Source.Kind), id) : null);
        Field(r => r.Name).Description("The category's, donor's, recipient's or fund's name.");
        Field<GoodsReconciliationType>("goods").Description("Goods of this group; null where goods do not apply (FUND grouping).").Resolve(ctx => ctx.Source.Goods);
        Field<CashReconciliationType>("cash").Description("Cash of this group; null where cash does not apply (CATEGORY grouping).").Resolve(ctx => ctx.Source.Cash);
        Field<NonNullGraphType<BooleanGraphType>>("balances")
            .Description("Goods and cash both balance: every measure adds up and matches the cached balances where the row has them. False flags a ledger whose sums or cached figures disagree.")
            .Resolve(ctx => ctx.Source.Balances);
    }

    private static string TypeName(ReconciliationRowKind kind) => kind switch
    {
        ReconciliationRowKind.Category => "Category",
        ReconciliationRowKind.Donor => "Donor",
        ReconciliationRowKind.Fund => "Fund",
        _ => "Recipient",
    };
}

public sealed class ReconciliationType : ObjectGraphType<Reconciliation>
{
    public ReconciliationType()
    {
        Name = "Reconciliation";
        Description = "What came in, what went out and what is left, per group, for a period of ledger time (when entries were recorded).";
        Field<DateTimeGraphType>("from").Description("The period's inclusive start (UTC), null for the beginning.").Resolve(ctx => ctx.Source.Parameters.From?.ToUniversalTime());
        Field<DateTimeGraphType>("to").Description("The period's exclusive end (UTC), null for no end.").Resolve(ctx => ctx.Source.Parameters.To?.ToUniversalTime());
        Field<NonNullGraphType<ReconciliationGroupType>>("groupBy").Description("The grouping asked for.").Resolve(ctx => ctx.Source.Parameters.GroupBy);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReconciliationRowType>>>>("rows")
            .Description("The groups, by id (for RECIPIENT: the office first). Only groups the ledger touches appear, and every fund.")
            .Resolve(ctx => ctx.Source.Rows);
        Field<NonNullGraphType<ReconciliationRowType>>("totals")
            .Description("The whole ledger: the sum of the rows for CATEGORY, DONOR goods and FUND; for RECIPIENT the office row; for DONOR cash it also holds the payments and fund adjustments no donor's row can carry.")
            .Resolve(ctx => ctx.Source.Totals);
        Field<NonNullGraphType<BooleanGraphType>>("balances").Description("Every row and the totals balance.").Resolve(ctx => ctx.Source.Balances);
    }
}

public static class ReconciliationQueries
{
    public static void AddReconciliationQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ReconciliationType>>("reconciliation")
            .AllowRoles(Roles.Readers)
            .Description("Per category, donor, recipient or fund: opening + received − distributed ± adjustments = closing, for goods (quantity and estimated value) and cash, with a flag on every group that does not balance. Summed by the database.")
            .Argument<DateTimeGraphType>("from", "Start of the period (inclusive), compared with the entries' recordedAt in UTC; default the beginning of the ledger.")
            .Argument<DateTimeGraphType>("to", "End of the period (exclusive), compared with the entries' recordedAt in UTC; default no end. Not before 'from'.")
            .Argument<NonNullGraphType<ReconciliationGroupType>>("groupBy", "How to split the ledger into rows.")
            .ResolveAsync(async ctx =>
            {
                var parameters = new ReconciliationParameters(
                    ctx.GetArgument<DateTime?>("from"), ctx.GetArgument<DateTime?>("to"), ctx.GetArgument<ReconciliationGroup>("groupBy"));
                ReportPeriod.EnsureValid(parameters.From, parameters.To);
                return await ReconciliationReport.ComputeAsync(ctx.Service<AppDbContext>(), parameters, ctx.CancellationToken);
            });
}

public static class ReportPeriod
{
    /// <summary>Refuses a period that ends before it starts, as a GraphQL error naming the arguments.</summary>
    public static void EnsureValid(DateTime? from, DateTime? to)
    {
        if (from is { } f && to is { } t && f.ToUniversalTime() > t.ToUniversalTime())
        {
            throw new ExecutionError($"'from' ({f.ToUniversalTime():O}) is after 'to' ({t.ToUniversalTime():O}); give a period that ends after it starts.")
            {
                Code = ErrorCodes.ValidationFailed,
            };
        }
    }
}
