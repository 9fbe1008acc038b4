using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Reports;

public sealed class HouseholdAidType : ObjectGraphType<HouseholdAid>
{
    public HouseholdAidType()
    {
        Name = "HouseholdAid";
        Description = "What one household received in the period, net of reversals. Personal data: names the household, never its identity-document number or phone.";
        Field<NonNullGraphType<IdGraphType>>("householdId").Description("Global id of the household (a Recipient).")
            .Resolve(ctx => GlobalId.Encode("Recipient", ctx.Source.HouseholdId));
        Field(h => h.Name).Description("The household's name.");
        Field<NonNullGraphType<IdGraphType>>("socialUnitId").Description("Global id of the household's social unit.")
            .Resolve(ctx => GlobalId.Encode("Recipient", ctx.Source.SocialUnitId));
        Field(h => h.SocialUnitName).Description("The household's social unit, e.g. 一社.");
        Field(h => h.MemberCount, nullable: true).Description("How many people the household has, if recorded.");
        Field(h => h.GoodsQuantity).Description("Goods handed over to it, in the lines' units (less handovers reversed).");
        Field(h => h.GoodsValueFen).Description("Estimated value of those goods, in fen.");
        Field(h => h.CashFen).Description("Cash paid to it, in fen (less payments reversed).");
        Field(h => h.TotalFen).Description("Goods value plus cash, in fen.");
        Field(h => h.PerMemberFen, nullable: true).Description("Total per member, in fen rounded to the nearest fen; null when the member count is unknown.");
        Field(h => h.ReceivedNothing).Description("No goods (not even of no estimated value) and no cash in the period.");
    }
}

public sealed class AllocationShareType : ObjectGraphType<AllocationShare>
{
    public AllocationShareType()
    {
        Name = "AllocationShare";
        Description = "Goods a household received out of one social unit's allocation (donation lines planned for that unit or one of its households).";
        Field<NonNullGraphType<IdGraphType>>("socialUnitId").Description("Global id of the social unit whose allocation it was.")
            .Resolve(ctx => GlobalId.Encode("Recipient", ctx.Source.SocialUnitId));
        Field(a => a.SocialUnitName).Description("That social unit's name.");
        Field(a => a.GoodsQuantity).Description("Quantity received from that allocation, in the lines' units.");
        Field(a => a.GoodsValueFen).Description("Its estimated value, in fen.");
    }
}

public sealed class MultiUnitHouseholdType : ObjectGraphType<MultiUnitHousehold>
{
    public MultiUnitHouseholdType()
    {
        Name = "MultiUnitHousehold";
        Description = "A household that received goods allocated to a social unit other than its own: goods from lines whose planned recipient is another unit (or a household of another unit). Cash names no allocation and does not count.";
        Field<NonNullGraphType<HouseholdAidType>>("household").Description("The household and all it received.").Resolve(ctx => ctx.Source.Household);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AllocationShareType>>>>("allocations")
            .Description("Each social unit whose allocation it received from, its own unit first.")
            .Resolve(ctx => ctx.Source.Allocations);
    }
}

public sealed class SocialUnitAidType : ObjectGraphType<SocialUnitAid>
{
    public SocialUnitAidType()
    {
        Name = "SocialUnitAid";
        Description = "Aid per member in one social unit: its households' goods value and cash in the period.";
        Field<NonNullGraphType<IdGraphType>>("socialUnitId").Description("Global id of the social unit.")
            .Resolve(ctx => GlobalId.Encode("Recipient", ctx.Source.SocialUnitId));
        Field(u => u.Name).Description("The social unit's name.");
        Field(u => u.UnitNumber, nullable: true).Description("Its number (1–9).");
        Field(u => u.Households).Description("How many households it has.");
        Field(u => u.Members).Description("How many people they have (households without a member count add none).");
        Field(u => u.GoodsValueFen).Description("Estimated value of the goods its households received, in fen.");
        Field(u => u.CashFen).Description("Cash its households received, in fen.");
        Field(u => u.TotalFen).Description("Goods value plus cash, in fen.");
        Field(u => u.PerMemberFen, nullable: true).Description("Total per member, rounded to the fen; null when no member is recorded.");
        Field(u => u.PerHouseholdFen, nullable: true).Description("Total per household, rounded to the fen; null for a unit without households.");
        Field(u => u.MinPerHouseholdFen).Description("The smallest total one of its households received, in fen.");
        Field(u => u.MaxPerHouseholdFen).Description("The largest total one of its households received, in fen.");
        Field(u => u.HouseholdsReceivingNothing).Description("How many of its households received nothing.");
    }
}

public sealed class HouseholdCoverageType : ObjectGraphType<HouseholdCoverage>
{
    public HouseholdCoverageType()
    {
        Name = "HouseholdCoverage";
        Description = "Coverage and fairness: what each household received in a period of ledger time (when the handovers' and payments' entries were recorded), net of reversals.";
        Field<DateTimeGraphType>("from").Description("The period's inclusive start (UTC), null for the beginning.").Resolve(ctx => ctx.Source.Parameters.From?.ToUniversalTime());
        Field<DateTimeGraphType>("to").Description("The period's exclusive end (UTC), null for no end.").Resolve(ctx => ctx.Source.Parameters.To?.ToUniversalTime());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HouseholdAidType>>>>("households")
            .Description("Every household (of the social unit, if one was asked for), by unit and then in the order registered.")
            .Resolve(ctx => ctx.Source.Households);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HouseholdAidType>>>>("receivedNothing")
            .Description("The households that received nothing in the period.")
            .Resolve(ctx => ctx.Source.ReceivedNothing);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MultiUnitHouseholdType>>>>("multiUnitHouseholds")
            .Description("Households that received goods from more than one social unit's allocation: from a unit other than their own.")
            .Resolve(ctx => ctx.Source.MultiUnitHouseholds);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SocialUnitAidType>>>>("socialUnits")
            .Description("Aid per member, per social unit, by unit number.")
            .Resolve(ctx => ctx.Source.SocialUnits);
    }
}

public static class HouseholdCoverageQueries
{
    public static void AddHouseholdCoverageQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<HouseholdCoverageType>>("householdCoverage")
            .AllowRoles(Roles.Readers)
            .Description("Per-household aid received (goods value and cash) over a period, the households that received nothing, those that received from another social unit's allocation, and aid per member per social unit. Names households: not for volunteers.")
            .Argument<DateTimeGraphType>("from", "Start of the period (inclusive), compared with the entries' recordedAt in UTC; default the beginning of the ledger.")
            .Argument<DateTimeGraphType>("to", "End of the period (exclusive); default no end. Not before 'from'.")
            .Argument<IdGraphType>("socialUnitId", "Only the households of this social unit.")
            .ResolveAsync(async ctx =>
            {
                var from = ctx.GetArgument<DateTime?>("from");
                var to = ctx.GetArgument<DateTime?>("to");
                ReportPeriod.EnsureValid(from, to);
                int? unit = ctx.GetArgument<string?>("socialUnitId") is { } raw ? (int)GlobalId.ParseArgument(raw, "Recipient", "socialUnitId") : null;
                return await HouseholdCoverageReport.ComputeAsync(ctx.Service<AppDbContext>(), new HouseholdCoverageParameters(from, to, unit), ctx.CancellationToken);
            });
}
