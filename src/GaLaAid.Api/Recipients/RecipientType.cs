using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.Disbursements;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Handovers;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Recipients;

public sealed class RecipientKindType : EnumerationGraphType<RecipientKind>
{
    public RecipientKindType()
    {
        Name = "RecipientKind";
        Description = "The level of a recipient in the village tree.";
    }
}

public sealed class RecipientType : ObjectGraphType<Recipient>
{
    public RecipientType()
    {
        Name = "Recipient";
        Description = "Who receives aid: the village committee, a social unit (社) or a household. Households are personal data.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is Recipient;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this recipient.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field<NonNullGraphType<RecipientKindType>>("kind").Description("Village committee, social unit or household.")
            .Resolve(ctx => ctx.Source.Kind);
        Field(r => r.Name).Description("Name as written in the village register, e.g. 尕拉村村委会, 一社, or the household's name.");
        Field(r => r.UnitNumber, nullable: true).Description("For a social unit, its number (1–9).");
        Field(r => r.HeadOfHousehold, nullable: true).Description("For a household, the head of household. Not for volunteers.").AllowRoles(Roles.Readers);
        Field(r => r.MemberCount, nullable: true).Description("For a household, how many people it has. Not for volunteers.").AllowRoles(Roles.Readers);
        Field(r => r.IsRegisteredPoor).Description("For a household, whether it is a registered poor household (建档立卡贫困户). Not for volunteers.").AllowRoles(Roles.Readers);
        Field<StringGraphType>("idNumber")
            .Description("For a household, the head's identity-document number: in full for admins, masked to its last four characters for staff and auditors, never for volunteers.")
            .AllowRoles(Roles.Readers)
            .Resolve(ctx => ctx.User!.IsInRole(Roles.Admin) ? ctx.Source.IdNumber : HouseholdPrivacy.Mask(ctx.Source.IdNumber));
        Field(r => r.Phone, nullable: true).Description("For a household, a phone number. Not for volunteers.").AllowRoles(Roles.Readers);
        Field(r => r.Note, nullable: true).Description("Free-text note. Not for volunteers.").AllowRoles(Roles.Readers);
        Field(r => r.RecordedBy).Description("Who registered this recipient.");
        Field(r => r.RecordedAt).Description("When it was registered (UTC).");
        Field<RecipientType>("parent").Description("The level above: the social unit of a household, the committee of a unit.")
            .Resolve(ctx => ctx.LoadOptionalById<Recipient>(ctx.Source.ParentId));
        Field<NonNullGraphType<ConnectionGraphType<RecipientType>>>("children")
            .Description("The level below: the units of the committee, the households of a unit.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<RecipientQuerySpec>())
            .Resolve(ctx => ctx.ChildConnection(
                "RecipientChildren",
                ctx.Source.Id,
                (db, ids) => db.Recipients.Where(r => r.ParentId != null && ids.Contains(r.ParentId.Value)),
                r => r.ParentId!.Value,
                r => r.Id,
                QuerySpecs.Of<RecipientQuerySpec>()));
        Field<NonNullGraphType<ConnectionGraphType<HandoverType>>>("handovers")
            .Description("Goods handed over to this recipient, oldest first unless 'order' says otherwise. Not for volunteers.")
            .AllowRoles(Roles.Readers)
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<HandoverQuerySpec>())
            .Resolve(ctx => ctx.ChildConnection(
                "RecipientHandovers",
                ctx.Source.Id,
                (db, ids) => db.Handovers.Where(h => ids.Contains(h.RecipientId)),
                h => h.RecipientId,
                h => h.Id,
                QuerySpecs.Of<HandoverQuerySpec>()));
        Field<NonNullGraphType<ConnectionGraphType<DisbursementType>>>("disbursements")
            .Description("Cash paid to this recipient, oldest first unless 'order' says otherwise. Not for volunteers.")
            .AllowRoles(Roles.Readers)
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<DisbursementQuerySpec>())
            .Resolve(ctx => ctx.ChildConnection(
                "RecipientDisbursements",
                ctx.Source.Id,
                (db, ids) => db.Disbursements.Where(d => ids.Contains(d.RecipientId)),
                d => d.RecipientId,
                d => d.Id,
                QuerySpecs.Of<DisbursementQuerySpec>()));
    }
}

public static class RecipientQueries
{
    public static void AddRecipientQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<RecipientType>>>("recipients")
            .AllowRoles(Roles.All)
            .Description("Recipients. Without arguments: the top of the tree (the village committee); with parentId: the level below it; with kind: every recipient of that kind; with search or where: every recipient that matches, at any level.")
            .Argument<IdGraphType>("parentId", "Only the children of this recipient.")
            .Argument<RecipientKindType>("kind", "Only recipients of this kind.")
            .Argument<StringGraphType>("search", $"Only recipients whose name contains this text, and social units whose name contains it or whose number it is, with their households; at most {MaxSearchLength} characters.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<RecipientQuerySpec>())
            .ResolveAsync(async ctx =>
            {
                var db = ctx.Service<AppDbContext>();
                var parentId = ctx.GetArgument<string?>("parentId");
                var kind = ctx.GetArgument<RecipientKind?>("kind");
                var search = ctx.GetArgument<string?>("search")?.Trim();
                var recipients = db.Recipients.AsQueryable();
                if (search is { Length: > 0 })
                {
                    recipients = Matching(db, recipients, search);
                }

                if (parentId is not null)
                {
                    var parent = GlobalId.ParseArgument(parentId, "Recipient", "parentId");
                    recipients = recipients.Where(r => r.ParentId == parent);
                }
                else if (kind is null && string.IsNullOrEmpty(search) && !ctx.HasArgument("where"))
                {
                    recipients = recipients.Where(r => r.ParentId == null);
                }

                if (kind is { } k)
                {
                    recipients = recipients.Where(r => r.Kind == k);
                }

                return await ctx.PageAsync(recipients, r => r.Id, QuerySpecs.Of<RecipientQuerySpec>());
            });
    }

    public const int MaxSearchLength = 100;

    /// <summary>
    /// Name contains the text, or the recipient is (or belongs to) a social unit that the text names
    /// by name or number: a volunteer looks a household up by its name, or by "3" or "三社" for the
    /// households of unit 3. Translated to SQL.
    /// </summary>
    private static IQueryable<Recipient> Matching(AppDbContext db, IQueryable<Recipient> recipients, string search)
    {
        if (search.Length > MaxSearchLength)
        {
            throw new ExecutionError($"'search' is {search.Length} characters long; at most {MaxSearchLength} are allowed.") { Code = ErrorCodes.ValidationFailed };
        }

        var units = int.TryParse(search, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? db.Recipients.Where(u => u.Kind == RecipientKind.SocialUnit && (u.Name.Contains(search) || u.UnitNumber == number))
            : db.Recipients.Where(u => u.Kind == RecipientKind.SocialUnit && u.Name.Contains(search));
        return recipients.Where(r => r.Name.Contains(search)
            || units.Any(u => u.Id == r.Id)
            || units.Any(u => u.Id == r.ParentId));
    }
}
