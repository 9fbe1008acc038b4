namespace GaLaAid.Api.Donors;

public enum DonorKind
{
    Person,
    Organisation,
    PartyBranch,
    Company,
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
