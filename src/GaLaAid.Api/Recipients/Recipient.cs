using System.ComponentModel;

namespace GaLaAid.Api.Recipients;

public enum RecipientKind
{
    [Description("The village committee (村委会): the top of the tree.")]
    VillageCommittee,
    [Description("A social unit (社) of the village.")]
    SocialUnit,
    [Description("A household of a social unit: personal data.")]
    Household,
}

/// <summary>
/// A node of the recipient tree: the village committee, its social units and their households.
/// Households are personal data.
/// </summary>
public sealed class Recipient
{
    public int Id { get; init; }
    public RecipientKind Kind { get; init; }
    public required string Name { get; init; }
    public int? ParentId { get; init; }
    public int? UnitNumber { get; init; }
    public string? HeadOfHousehold { get; init; }
    public int? MemberCount { get; init; }
    public bool IsRegisteredPoor { get; init; }

    /// <summary>The head of household's identity-document number (身份证号), if recorded.</summary>
    public string? IdNumber { get; init; }

    public string? Phone { get; init; }
    public string? Note { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
}
