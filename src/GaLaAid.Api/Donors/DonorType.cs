using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.GraphQL;
using GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Donors;

public sealed class DonorKindType : EnumerationGraphType<DonorKind>
{
    public DonorKindType()
    {
        Name = "DonorKind";
        Description = "What sort of giver a donor is.";
    }
}

public sealed class DonorType : ObjectGraphType<Donor>
{
    public DonorType()
    {
        Name = "Donor";
        Description = "A person or organisation that gives cash, goods or a pledge.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is Donor;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this donor.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field(d => d.Name).Description("The donor's name, e.g. 州委办公室党支部.");
        Field<NonNullGraphType<DonorKindType>>("kind").Description("Person, organisation, party branch, company or government office.")
            .Resolve(ctx => ctx.Source.Kind);
        Field(d => d.Contact, nullable: true).Description("How to reach the donor.").AllowRoles(Roles.Readers);
        Field(d => d.Note, nullable: true).Description("Free-text note.").AllowRoles(Roles.Readers);
        Field(d => d.RecordedBy).Description("Who registered this donor.");
        Field(d => d.RecordedAt).Description("When the donor was registered (UTC).");
        Field<NonNullGraphType<ConnectionGraphType<CashDonationType>>>("cashDonations")
            .Description("Cash this donor gave, oldest first unless 'order' says otherwise.")
            .AllowRoles(Roles.Readers)
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<CashDonationQuerySpec>())
            .Resolve(ctx => ctx.ChildConnection(
                "DonorCashDonations", ctx.Source.Id,
                (db, ids) => db.CashDonations.Where(d => ids.Contains(d.DonorId)),
                d => d.DonorId, d => d.Id, QuerySpecs.Of<CashDonationQuerySpec>()));
        Field<NonNullGraphType<ConnectionGraphType<InKindDonationType>>>("inKindDonations")
            .Description("Goods this donor gave, oldest first unless 'order' says otherwise.")
            .AllowRoles(Roles.Readers)
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<InKindDonationQuerySpec>())
            .Resolve(ctx => ctx.ChildConnection(
                "DonorInKindDonations", ctx.Source.Id,
                (db, ids) => db.InKindDonations.Where(d => ids.Contains(d.DonorId)),
                d => d.DonorId, d => d.Id, QuerySpecs.Of<InKindDonationQuerySpec>()));
    }
}

public static class DonorQueries
{
    public static void AddDonorQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<DonorType>>>("donors")
            .AllowRoles(Roles.Readers)
            .Description("All donors, in the order they were registered.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<DonorQuerySpec>())
            .ResolveAsync(async ctx => await ctx.PageAsync(ctx.Service<AppDbContext>().Donors, d => d.Id, QuerySpecs.Of<DonorQuerySpec>()));
}
