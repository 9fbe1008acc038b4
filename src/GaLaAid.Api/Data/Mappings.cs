using GaLaAid.Api.Categories;
using GaLaAid.Api.Donors;
using GaLaAid.Api.Funds;
using GaLaAid.Api.Recipients;
using Mapster;

namespace GaLaAid.Api.Data;

/// <summary>
/// Mapster configuration for turning validated mutation inputs into new entities. Every destination
/// member must have a source (a test compiles and validates the whole configuration), so a new
/// entity property cannot be silently left empty. Who and when come in as map parameters.
/// </summary>
public static class Mappings
{
    private const string Actor = "actor";
    private const string At = "at";
    private const string ParentId = "parentId";

    public static TypeAdapterConfig Config { get; } = Create();

    /// <summary>Maps <paramref name="source"/> to a new <typeparamref name="TEntity"/> recorded by the current actor now.</summary>
    public static TEntity ToNewEntity<TEntity>(this object source, CurrentActor actor, int? parentId = null) =>
        source.BuildAdapter(Config)
            .AddParameters(Actor, actor.Name)
            .AddParameters(At, actor.Now)
            .AddParameters(ParentId, parentId!)
            .AdaptToType<TEntity>();

    private static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig
        {
            RequireExplicitMapping = true,
            RequireDestinationMemberSource = true,
        };

        // Inputs are validated on their trimmed text; store exactly that, and blank optional text as null.
        config.Default.AddDestinationTransform((string? text) => string.IsNullOrWhiteSpace(text) ? null! : text.Trim());

        config.NewConfig<CreateDonorInput, Donor>()
            .Ignore(d => d.Id)
            .Map(d => d.RecordedBy, _ => MapContext.Current!.Parameters[Actor])
            .Map(d => d.RecordedAt, _ => MapContext.Current!.Parameters[At]);

        config.NewConfig<CreateFundInput, Fund>()
            .Ignore(f => f.Id)
            .Ignore(f => f.BalanceFen)
            .Map(f => f.RecordedBy, _ => MapContext.Current!.Parameters[Actor])
            .Map(f => f.RecordedAt, _ => MapContext.Current!.Parameters[At]);

        config.NewConfig<CreateCategoryInput, Category>()
            .Ignore(c => c.Id)
            .Map(c => c.ParentId, _ => MapContext.Current!.Parameters[ParentId]);

        config.NewConfig<CreateRecipientInput, Recipient>()
            .Ignore(r => r.Id)
            .Map(r => r.ParentId, _ => MapContext.Current!.Parameters[ParentId])
            // Only the level a field belongs to keeps it: a unit has no head, a household no unit number.
            .Map(r => r.UnitNumber, i => i.Kind == RecipientKind.SocialUnit ? i.UnitNumber : null)
            .Map(r => r.HeadOfHousehold, i => i.Kind == RecipientKind.Household ? i.HeadOfHousehold : null)
            .Map(r => r.MemberCount, i => i.Kind == RecipientKind.Household ? i.MemberCount : null)
            .Map(r => r.IsRegisteredPoor, i => i.Kind == RecipientKind.Household && i.IsRegisteredPoor)
            .Map(r => r.IdNumber, i => i.Kind == RecipientKind.Household ? i.IdNumber : null)
            .Map(r => r.Phone, i => i.Kind == RecipientKind.Household ? i.Phone : null)
            .Map(r => r.RecordedBy, _ => MapContext.Current!.Parameters[Actor])
            .Map(r => r.RecordedAt, _ => MapContext.Current!.Parameters[At]);

        return config;
    }
}
