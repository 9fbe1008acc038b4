using GaLaAid.Api.Accounts;
using GaLaAid.Api.Categories;
using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.Donors;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Recipients;
using GaLaAid.Api.Reports;
using GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Pledges;

public sealed class PledgeKindType : EnumerationGraphType<PledgeKind>
{
    public PledgeKindType()
    {
        Name = "PledgeKind";
        Description = "Whether a pledge promises goods or cash.";
    }
}

public sealed class PledgeType : ObjectGraphType<Pledge>
{
    public PledgeType()
    {
        Name = "Pledge";
        Description = "A donor's promise of goods or cash, fulfilled by the donations linked to it.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is Pledge;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this pledge.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field<NonNullGraphType<DonorType>>("donor").Description("Who made the promise.")
            .Resolve(ctx => ctx.LoadById<Donor>(ctx.Source.DonorId));
        Field<NonNullGraphType<PledgeKindType>>("kind").Description("Goods or cash.").Resolve(ctx => ctx.Source.Kind);
        Field(p => p.Description).Description("What was promised, in the donor's words, e.g. 春耕用种子和化肥.");
        Field(p => p.PromisedAmountFen, nullable: true).Description("For cash: the amount promised, in fen.");
        Field<CategoryType>("promisedCategory").Description("For goods: the kind promised, if one kind.")
            .Resolve(ctx => ctx.LoadOptionalById<Category>(ctx.Source.PromisedCategoryId));
        Field(p => p.PromisedQuantity, nullable: true).Description("For goods: the quantity promised, in 'promisedUnit'.");
        Field(p => p.PromisedUnit, nullable: true).Description("For goods: the unit of the promised quantity.");
        Field(p => p.ExpectedOn, nullable: true).Description("When the donor expects to deliver.");
        Field<RecipientType>("intendedRecipient").Description("Who the pledge is meant for, if said.")
            .Resolve(ctx => ctx.LoadOptionalById<Recipient>(ctx.Source.IntendedRecipientId));
        Field(p => p.RecordedBy).Description("Who recorded the pledge.");
        Field(p => p.RecordedAt).Description("When it was recorded (UTC).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CashDonationType>>>>("cashDonations")
            .Description("Cash donations that fulfil this pledge.")
            .Resolve(ctx => CashDonationsOf(ctx, ctx.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InKindDonationType>>>>("inKindDonations")
            .Description("In-kind donations that fulfil this pledge.")
            .Resolve(ctx => ctx.LoadChildren(
                "PledgeInKindDonations", ctx.Source.Id,
                (db, ids) => db.InKindDonations.Where(d => d.PledgeId != null && ids.Contains(d.PledgeId.Value)).OrderBy(d => d.Id),
                d => d.PledgeId!.Value));
        Field<NonNullGraphType<LongGraphType>>("receivedAmountFen")
            .Description("For cash: the amount received so far against this pledge, in fen. A receipt that was reversed counts nothing.")
            .Resolve(ctx => ctx.Service<RequestLoaders>()
                .Get<int, long>("PledgeReceivedFen", async (ids, ct) => await PledgeFulfilmentReport.ReceivedFenAsync(ctx.Service<AppDbContext>(), ids, ct))
                .Load(ctx.Source.Id));
    }

    private static global::GraphQL.DataLoader.IDataLoaderResult<IReadOnlyList<CashDonation>> CashDonationsOf(IResolveFieldContext context, int pledgeId) =>
        context.LoadChildren(
            "PledgeCashDonations", pledgeId,
            (db, ids) => db.CashDonations.Where(d => d.PledgeId != null && ids.Contains(d.PledgeId.Value)).OrderBy(d => d.Id),
            d => d.PledgeId!.Value);
}

public static class PledgeQueries
{
    public static void AddPledgeQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<PledgeType>>>("pledges")
            .AllowRoles(Roles.Readers)
            .Description("Pledges, in the order they were recorded.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<PledgeQuerySpec>())
            .ResolveAsync(async ctx => await ctx.PageAsync(ctx.Service<AppDbContext>().Pledges, p => p.Id, QuerySpecs.Of<PledgeQuerySpec>()));
}
