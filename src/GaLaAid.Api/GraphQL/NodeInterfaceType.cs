using GaLaAid.Api.Accounts;
using GaLaAid.Api.Categories;
using GaLaAid.Api.Data;
using GaLaAid.Api.Disbursements;
using GaLaAid.Api.Donations;
using GaLaAid.Api.Donors;
using GaLaAid.Api.Funds;
using GaLaAid.Api.Handovers;
using GaLaAid.Api.Labels;
using GaLaAid.Api.Pledges;
using GaLaAid.Api.Recipients;
using GaLaAid.Api.Stock;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.GraphQL;

public sealed class NodeInterfaceType : InterfaceGraphType
{
    public NodeInterfaceType()
    {
        Name = "Node";
        Description = "An object with a global id that node(id:) can fetch again.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id of the object.");
    }
}

public static class NodeQueries
{
    public static void AddNodeQueries(this ObjectGraphType query) =>
        query.Field<NodeInterfaceType>("node")
            .AllowRoles(Roles.Readers)
            .Description("Fetches any object by its global id. Null when no object has that id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global id returned by this API.")
            .ResolveAsync(async ctx =>
            {
                var raw = ctx.GetArgument<string>("id");
                if (!GlobalId.TryDecode(raw, out var type, out var id))
                {
                    throw new ExecutionError("'id' is not a global id returned by this API.") { Code = ErrorCodes.InvalidId };
                }

                // Accounts are for admins and auditors only, whatever else the caller may read.
                if (type is "User" or "ApiKey" && !(ctx.User!.IsInRole(Roles.Admin) || ctx.User.IsInRole(Roles.Auditor)))
                {
                    return null;
                }

                return await FindAsync(ctx.Service<AppDbContext>(), type, id, ctx.CancellationToken);
            });

    private static async Task<object?> FindAsync(AppDbContext db, string type, long id, CancellationToken ct)
    {
        if (type is "StockEntry" or "FundEntry")
        {
            return type == "StockEntry"
                ? await db.StockEntries.FirstOrDefaultAsync(e => e.Id == id, ct)
                : await db.FundEntries.FirstOrDefaultAsync(e => e.Id == id, ct);
        }

        if (id > int.MaxValue)
        {
            return null;
        }

        var key = (int)id;
        return type switch
        {
            "Donor" => await db.Donors.FirstOrDefaultAsync(e => e.Id == key, ct),
            "Fund" => await db.Funds.FirstOrDefaultAsync(e => e.Id == key, ct),
            "Category" => await db.Categories.FirstOrDefaultAsync(e => e.Id == key, ct),
            "Recipient" => await db.Recipients.FirstOrDefaultAsync(e => e.Id == key, ct),
            "Pledge" => await db.Pledges.FirstOrDefaultAsync(e => e.Id == key, ct),
            "CashDonation" => await db.CashDonations.FirstOrDefaultAsync(e => e.Id == key, ct),
            "InKindDonation" => await db.InKindDonations.FirstOrDefaultAsync(e => e.Id == key, ct),
            "DonationLine" => await db.DonationLines.FirstOrDefaultAsync(e => e.Id == key, ct),
            "Item" => await db.StockItems.FirstOrDefaultAsync(e => e.Id == key, ct),
            "Handover" => await db.Handovers.FirstOrDefaultAsync(e => e.Id == key, ct),
            "Disbursement" => await db.Disbursements.FirstOrDefaultAsync(e => e.Id == key, ct),
            "User" => await db.Users.FirstOrDefaultAsync(e => e.Id == key, ct),
            "ApiKey" => await db.ApiKeys.FirstOrDefaultAsync(e => e.Id == key, ct),
            "LabelPrintJob" => await db.LabelPrintJobs.FirstOrDefaultAsync(e => e.Id == key, ct),
            _ => null,
        };
    }
}
