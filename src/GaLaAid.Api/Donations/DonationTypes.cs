using GaLaAid.Api.Accounts;
using GaLaAid.Api.Categories;
using GaLaAid.Api.Data;
using GaLaAid.Api.Donors;
using GaLaAid.Api.Funds;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Pledges;
using GaLaAid.Api.Recipients;
using GaLaAid.Api.Stock;
using GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Donations;

public sealed class ItemConditionType : EnumerationGraphType<ItemCondition>
{
    public ItemConditionType()
    {
        Name = "ItemCondition";
        Description = "The condition donated goods arrived in.";
    }
}

public sealed class TrackingModeType : EnumerationGraphType<TrackingMode>
{
    public TrackingModeType()
    {
        Name = "TrackingMode";
        Description = "PER_UNIT: every physical unit is its own labelled item. LOT: the whole line is one labelled lot handed over in parts.";
    }
}

public sealed class CashDonationType : ObjectGraphType<CashDonation>
{
    public CashDonationType()
    {
        Name = "CashDonation";
        Description = "Cash given by a donor into a fund.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is CashDonation;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this donation.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field<NonNullGraphType<DonorType>>("donor").Description("Who gave the cash.")
            .Resolve(ctx => ctx.LoadById<Donor>(ctx.Source.DonorId));
        Field<NonNullGraphType<FundType>>("fund").Description("The fund the cash went into.")
            .Resolve(ctx => ctx.LoadById<Fund>(ctx.Source.FundId));
        Field(d => d.AmountFen).Description("Amount in fen (1 yuan = 100 fen).");
        Field<NonNullGraphType<DecimalGraphType>>("amountYuan").Description("Amount in yuan, exact to the fen.")
            .Resolve(ctx => Money.ToYuan(ctx.Source.AmountFen));
        Field(d => d.ReceivedOn).Description("The day the cash was received.");
        Field<PledgeType>("pledge").Description("The pledge this donation fulfils, if any.")
            .Resolve(ctx => ctx.LoadOptionalById<Pledge>(ctx.Source.PledgeId));
        Field(d => d.Note, nullable: true).Description("Free-text note.");
        Field(d => d.RecordedBy).Description("Who recorded the donation.");
        Field(d => d.RecordedAt).Description("When it was recorded (UTC).");
    }
}

public sealed class InKindDonationType : ObjectGraphType<InKindDonation>
{
    public InKindDonationType()
    {
        Name = "InKindDonation";
        Description = "Goods given by a donor, one line per kind of goods.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is InKindDonation;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this donation.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field<NonNullGraphType<DonorType>>("donor").Description("Who gave the goods.")
            .Resolve(ctx => ctx.LoadById<Donor>(ctx.Source.DonorId));
        Field(d => d.ReceivedOn).Description("The day the goods were received.");
        Field<PledgeType>("pledge").Description("The pledge this donation fulfils, if any. Not for volunteers.")
            .AllowRoles(Roles.Readers)
            .Resolve(ctx => ctx.LoadOptionalById<Pledge>(ctx.Source.PledgeId));
        Field(d => d.Note, nullable: true).Description("Free-text note.");
        Field(d => d.RecordedBy).Description("Who recorded the donation.");
        Field(d => d.RecordedAt).Description("When it was recorded (UTC).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DonationLineType>>>>("lines")
            .Description("The kinds of goods in this donation, in line order.")
            .Resolve(ctx => LinesOf(ctx, ctx.Source.Id));
        Field<NonNullGraphType<LongGraphType>>("estimatedValueFen")
            .Description("Estimated value of all lines, in fen: quantity × estimated unit value, summed.")
            .Resolve(ctx => LinesOf(ctx, ctx.Source.Id).Then(lines => lines.Sum(l => l.Quantity * l.EstimatedUnitValueFen)));
        Field<NonNullGraphType<LongGraphType>>("totalQuantity")
            .Description("Total quantity of all lines, in their own units.")
            .Resolve(ctx => LinesOf(ctx, ctx.Source.Id).Then(lines => lines.Sum(l => (long)l.Quantity)));
    }

    private static global::GraphQL.DataLoader.IDataLoaderResult<IReadOnlyList<DonationLine>> LinesOf(IResolveFieldContext context, int donationId) =>
        context.LoadChildren(
            "DonationLines", donationId,
            (db, ids) => db.DonationLines.Where(l => ids.Contains(l.DonationId)).OrderBy(l => l.Id),
            l => l.DonationId);
}

public sealed class DonationLineType : ObjectGraphType<DonationLine>
{
    public DonationLineType()
    {
        Name = "DonationLine";
        Description = "One kind of goods in an in-kind donation, and the labelled items it became.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is DonationLine;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this line.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field(l => l.LineNumber).Description("The line's number within its donation, from 1.");
        Field<NonNullGraphType<InKindDonationType>>("donation").Description("The donation this line belongs to.")
            .Resolve(ctx => ctx.LoadById<InKindDonation>(ctx.Source.DonationId));
        Field<NonNullGraphType<CategoryType>>("category").Description("The kind of goods.")
            .Resolve(ctx => ctx.LoadById<Category>(ctx.Source.CategoryId));
        Field(l => l.Description).Description("What the goods are, as written on the delivery note, e.g. 32寸液晶电视.");
        Field(l => l.Quantity).Description("Quantity received, in 'unit'.");
        Field(l => l.Unit).Description("The unit counted in, e.g. 台, 张, 袋.");
        Field(l => l.EstimatedUnitValueFen).Description("Estimated value of one unit, in fen.");
        Field<NonNullGraphType<LongGraphType>>("estimatedValueFen").Description("Quantity × estimated unit value, in fen.")
            .Resolve(ctx => ctx.Source.Quantity * ctx.Source.EstimatedUnitValueFen);
        Field<NonNullGraphType<ItemConditionType>>("condition").Description("The condition the goods arrived in.").Resolve(ctx => ctx.Source.Condition);
        Field<NonNullGraphType<TrackingModeType>>("tracking").Description("Per unit or lot.").Resolve(ctx => ctx.Source.Tracking);
        Field<RecipientType>("plannedRecipient").Description("Where the goods are planned to go, if planned.")
            .Resolve(ctx => ctx.LoadOptionalById<Recipient>(ctx.Source.PlannedRecipientId));
        Field<NonNullGraphType<ConnectionGraphType<ItemType>>>("items")
            .Description("The labelled items this line became: one per unit, or one lot.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<ItemQuerySpec>())
            .Resolve(ctx => ctx.ChildConnection(
                "LineItems", ctx.Source.Id,
                (db, ids) => db.StockItems.Where(i => ids.Contains(i.DonationLineId)),
                i => i.DonationLineId, i => i.Id, QuerySpecs.Of<ItemQuerySpec>()));
    }
}

public static class DonationQueries
{
    public static void AddDonationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<CashDonationType>>>("cashDonations")
            .AllowRoles(Roles.Readers)
            .Description("Cash donations, in the order they were recorded.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<CashDonationQuerySpec>())
            .ResolveAsync(async ctx => await ctx.PageAsync(ctx.Service<AppDbContext>().CashDonations, d => d.Id, QuerySpecs.Of<CashDonationQuerySpec>()));
        query.Field<NonNullGraphType<ConnectionGraphType<InKindDonationType>>>("inKindDonations")
            .AllowRoles(Roles.Readers)
            .Description("In-kind donations (goods), in the order they were recorded.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<InKindDonationQuerySpec>())
            .ResolveAsync(async ctx => await ctx.PageAsync(ctx.Service<AppDbContext>().InKindDonations, d => d.Id, QuerySpecs.Of<InKindDonationQuerySpec>()));
    }
}
