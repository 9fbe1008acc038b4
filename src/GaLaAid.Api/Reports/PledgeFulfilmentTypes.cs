using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Pledges;
using GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Reports;

public sealed class PledgeFulfilmentType : ObjectGraphType<PledgeFulfilment>
{
    public PledgeFulfilmentType()
    {
        Name = "PledgeFulfilment";
        Description = "A pledge: what was promised against what arrived for it. Only receipts that stand count; a reversed receipt adds nothing.";
        Field<NonNullGraphType<PledgeType>>("pledge").Description("The pledge.").Resolve(ctx => ctx.Source.Pledge);
        Field(f => f.DonorName).Description("Who made the promise.");
        Field<NonNullGraphType<PledgeKindType>>("kind").Description("Goods or cash.").Resolve(ctx => ctx.Source.Pledge.Kind);
        Field<NonNullGraphType<StringGraphType>>("description").Description("What was promised, in the donor's words.").Resolve(ctx => ctx.Source.Pledge.Description);
        Field<LongGraphType>("promised")
            .Description("The promised figure: fen for a cash pledge, the quantity (in 'unit') for goods; null when the pledge names no figure.")
            .Resolve(ctx => ctx.Source.Promised);
        Field<StringGraphType>("unit").Description("For goods: the unit of 'promised' and 'received'.").Resolve(ctx => ctx.Source.Pledge.PromisedUnit);
        Field<NonNullGraphType<LongGraphType>>("received")
            .Description("Received so far in the promised figure's terms: fen for cash, quantity for goods (only lines of the promised kind when the pledge names one).")
            .Resolve(ctx => ctx.Source.Received);
        Field(f => f.ReceivedAmountFen).Description("Cash received against the pledge, in fen (zero for goods).");
        Field(f => f.ReceivedQuantity).Description("Goods quantity received against the pledge (zero for cash).");
        Field(f => f.ReceivedValueFen).Description("Estimated value of the goods received against the pledge, in fen (zero for cash).");
        Field<LongGraphType>("outstanding").Description("Promised minus received, never below zero; null when the pledge names no figure.").Resolve(ctx => ctx.Source.Outstanding);
        Field<NonNullGraphType<BooleanGraphType>>("fulfilled")
            .Description("All that was promised arrived; for a pledge that names no figure, anything arrived.")
            .Resolve(ctx => ctx.Source.Fulfilled);
        Field<DateOnlyGraphType>("expectedOn").Description("When the donor expected to deliver.").Resolve(ctx => ctx.Source.Pledge.ExpectedOn);
        Field<NonNullGraphType<BooleanGraphType>>("overdue")
            .Description("Not fulfilled and the expected day has passed (UTC).")
            .Resolve(ctx => ctx.Source.Overdue);
    }
}

public static class PledgeFulfilmentQueries
{
    public static void AddPledgeFulfilmentQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PledgeFulfilmentType>>>>("pledgeFulfilment")
            .AllowRoles(Roles.Readers)
            .Description("Every pledge, in the order recorded: promised against received (receipts not reversed), outstanding, fulfilled, overdue.")
            .Argument<BooleanGraphType>("openOnly", "Only pledges not yet fulfilled.")
            .ResolveAsync(async ctx =>
            {
                var today = DateOnly.FromDateTime(ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime);
                var rows = await PledgeFulfilmentReport.ComputeAsync(ctx.Service<AppDbContext>(), today, ctx.CancellationToken);
                return ctx.GetArgument<bool?>("openOnly") == true ? rows.Where(r => !r.Fulfilled).ToList() : rows;
            });
}
