using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Pledges;

public static class PledgeRules
{
    /// <summary>A donation may fulfil only a pledge of the same donor and of the same kind (goods or cash).</summary>
    public static async Task EnsureFulfillableAsync(
        AppDbContext db, int? pledgeId, string? rawId, int donorId, PledgeKind kind, CancellationToken cancellationToken)
    {
        if (pledgeId is not { } id)
        {
            return;
        }

        var pledge = await db.Pledges.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new DomainException(new NotFoundError("pledgeId", "Pledge", rawId ?? string.Empty));
        if (pledge.DonorId != donorId)
        {
            throw new DomainException(new ValidationError("pledgeId", "This pledge was made by another donor; a donation can fulfil only its own donor's pledge."));
        }

        if (pledge.Kind != kind)
        {
            throw new DomainException(new ValidationError(
                "pledgeId",
                kind == PledgeKind.Cash
                    ? "This is a pledge of goods; record the goods as an in-kind donation to fulfil it."
                    : "This is a pledge of cash; record a cash donation to fulfil it."));
        }
    }
}
