using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Recipients;
using GaLaAid.Api.Stock;
using GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Handovers;

public sealed class HandoverType : ObjectGraphType<Handover>
{
    public HandoverType()
    {
        Name = "Handover";
        Description = "Goods given to one recipient at one time. Its lines are the Distributed entries that point at it.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is Handover;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this handover.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field<NonNullGraphType<RecipientType>>("recipient").Description("Who received the goods.")
            .Resolve(ctx => ctx.LoadById<Recipient>(ctx.Source.RecipientId));
        Field(h => h.HandedOverBy).Description("The user who handed the goods over.");
        Field(h => h.ReceivedBy).Description("The name of the person who took the goods, as they gave it.");
        Field(h => h.HandedOverAt).Description("When the goods changed hands (UTC).");
        Field(h => h.Location, nullable: true).Description("Where the goods changed hands.");
        Field(h => h.Note, nullable: true).Description("Free-text note.");
        Field(h => h.RecordedBy).Description("Who recorded the handover.");
        Field(h => h.RecordedAt).Description("When it was recorded (UTC).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StockEntryType>>>>("entries")
            .Description("The ledger entries of this handover: one Distributed entry per item, and any reversals of them.")
            .Resolve(ctx => ctx.LoadChildren(
                "HandoverEntries", ctx.Source.Id,
                (db, ids) => db.StockEntries.Where(e => e.HandoverId != null && ids.Contains(e.HandoverId.Value)).OrderBy(e => e.Id),
                e => e.HandoverId!.Value));
    }
}

public static class HandoverQueries
{
    public static void AddHandoverQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<HandoverType>>>("handovers")
            .AllowRoles(Roles.All)
            .Description("Handovers, in the order they were recorded. A volunteer sees only the handovers they made.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<HandoverQuerySpec>())
            .ResolveAsync(async ctx =>
            {
                var handovers = ctx.Service<AppDbContext>().Handovers.AsQueryable();
                if (ctx.User!.IsInRole(Roles.Volunteer))
                {
                    var me = ctx.User.Identity!.Name;
                    handovers = handovers.Where(h => h.HandedOverBy == me);
                }

                return await ctx.PageAsync(handovers, h => h.Id, QuerySpecs.Of<HandoverQuerySpec>());
            });
}
