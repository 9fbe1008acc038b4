using System.ComponentModel;

namespace GaLaAid.Api.Donors;

public enum DonorKind
{
    [Description("A private person.")]
    Person,
    [Description("An organisation such as a school, association or foundation.")]
    Organisation,
    [Description("A party branch (党支部) or its members collecting together.")]
    PartyBranch,
    [Description("A company.")]
    Company,
    [Description("A government or party office, e.g. the prefecture committee office (州委办公室).")]
    GovernmentOffice,
}

/// <summary>A person or organisation that gives cash, goods or a pledge.</summary>
public sealed class Donor
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public DonorKind Kind { get; init; }
    public string? Contact { get; init; }
    public string? Note { get; init; }
    public required string RecordedBy { get; init; }
    public DateTime RecordedAt { get; init; }
}
