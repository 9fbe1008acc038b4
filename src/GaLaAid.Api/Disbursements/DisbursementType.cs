using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.Funds;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Recipients;
using GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Disbursements;

public sealed class DisbursementType : ObjectGraphType<Disbursement>
{
    public DisbursementType()
    {
        Name = "Disbursement";
        Description = "Cash paid from a fund to a recipient.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is Disbursement;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this disbursement.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field<NonNullGraphType<FundType>>("fund").Description("The fund the cash came from.")
            .Resolve(ctx => ctx.LoadById<Fund>(ctx.Source.FundId));
        Field<NonNullGraphType<RecipientType>>("recipient").Description("Who received the cash.")
            .Resolve(ctx => ctx.LoadById<Recipient>(ctx.Source.RecipientId));
        Field(d => d.AmountFen).Description("Amount in fen (1 yuan = 100 fen).");
        Field<NonNullGraphType<DecimalGraphType>>("amountYuan").Description("Amount in yuan, exact to the fen.")
            .Resolve(ctx => Money.ToYuan(ctx.Source.AmountFen));
        Field(d => d.Purpose).Description("What the cash is for, e.g. 慰问金.");
        Field(d => d.PaidOn).Description("The day the cash was paid.");
        Field(d => d.ReceivedBy, nullable: true).Description("The name of the person who took the cash.");
        Field(d => d.RecordedBy).Description("Who recorded the payment.");
        Field(d => d.RecordedAt).Description("When it was recorded (UTC).");
    }
}

public static class DisbursementQueries
{
    public static void AddDisbursementQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<DisbursementType>>>("disbursements")
            .AllowRoles(Roles.Readers)
            .Description("Cash disbursements, in the order they were recorded.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<DisbursementQuerySpec>())
            .ResolveAsync(async ctx => await ctx.PageAsync(ctx.Service<AppDbContext>().Disbursements, d => d.Id, QuerySpecs.Of<DisbursementQuerySpec>()));
}
