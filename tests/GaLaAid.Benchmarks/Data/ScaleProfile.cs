namespace GaLaAid.Benchmarks.Data;

/// <summary>
/// How much data a scale generates. The shape follows the Gala village case (a committee, social
/// units, households; donors giving cash and goods in kinds; goods labelled per unit or as lots and
/// handed over to households; cash paid out), repeated for many villages.
/// </summary>
internal sealed record ScaleProfile
{
    public required string Name { get; init; }
    public required int Villages { get; init; }
    public required int UnitsPerVillage { get; init; }
    public required int HouseholdsPerUnit { get; init; }
    public required int Donors { get; init; }
    public required int InKindDonations { get; init; }

    /// <summary>Lines per in-kind donation (uniform between 1 and twice this, less one).</summary>
    public required int AverageLinesPerDonation { get; init; }

    /// <summary>Units of a per-unit line (uniform between 1 and twice this, less one): each becomes an item with its own label.</summary>
    public required int AverageUnitsPerLine { get; init; }

    /// <summary>Share of lines received as one labelled lot instead of per-unit items.</summary>
    public required double LotShare { get; init; }

    /// <summary>Share of per-unit items already handed over; the rest is on hand (for lookups and handovers).</summary>
    public required double HandedOverShare { get; init; }

    public required int AverageItemsPerHandover { get; init; }
    public required int CashDonations { get; init; }
    public required int Disbursements { get; init; }

    /// <summary>Volunteer accounts, each with its own API key, for concurrent handovers.</summary>
    public required int Volunteers { get; init; }

    /// <summary>The least ledger (stock + fund entries) this scale promises; the generator checks it.</summary>
    public required long MinimumLedgerEntries { get; init; }

    public bool IsSmoke => Name == Smoke.Name;

    public static readonly ScaleProfile Smoke = new()
    {
        Name = "smoke",
        Villages = 1,
        UnitsPerVillage = 3,
        HouseholdsPerUnit = 6,
        Donors = 8,
        InKindDonations = 12,
        AverageLinesPerDonation = 3,
        AverageUnitsPerLine = 5,
        LotShare = 0.1,
        HandedOverShare = 0.5,
        AverageItemsPerHandover = 3,
        CashDonations = 20,
        Disbursements = 15,
        Volunteers = 4,
        MinimumLedgerEntries = 100,
    };

    /// <summary>One village like Gala: a few hundred items, a few thousand entries.</summary>
    public static readonly ScaleProfile Village = new()
    {
        Name = "village",
        Villages = 1,
        UnitsPerVillage = 9,
        HouseholdsPerUnit = 18,
        Donors = 40,
        InKindDonations = 60,
        AverageLinesPerDonation = 3,
        AverageUnitsPerLine = 6,
        LotShare = 0.1,
        HandedOverShare = 0.6,
        AverageItemsPerHandover = 4,
        CashDonations = 300,
        Disbursements = 200,
        Volunteers = 32,
        MinimumLedgerEntries = 1_000,
    };

    /// <summary>A county: about a tenth of the province.</summary>
    public static readonly ScaleProfile County = new()
    {
        Name = "county",
        Villages = 25,
        UnitsPerVillage = 9,
        HouseholdsPerUnit = 24,
        Donors = 400,
        InKindDonations = 1_600,
        AverageLinesPerDonation = 4,
        AverageUnitsPerLine = 10,
        LotShare = 0.05,
        HandedOverShare = 0.7,
        AverageItemsPerHandover = 4,
        CashDonations = 6_000,
        Disbursements = 4_000,
        Volunteers = 32,
        MinimumLedgerEntries = 100_000,
    };

    /// <summary>A prefecture running GaLaAid for every work team: over a million ledger entries.</summary>
    public static readonly ScaleProfile Province = new()
    {
        Name = "province",
        Villages = 250,
        UnitsPerVillage = 9,
        HouseholdsPerUnit = 24,
        Donors = 3_000,
        InKindDonations = 16_000,
        AverageLinesPerDonation = 4,
        AverageUnitsPerLine = 10,
        LotShare = 0.05,
        HandedOverShare = 0.7,
        AverageItemsPerHandover = 4,
        CashDonations = 60_000,
        Disbursements = 40_000,
        Volunteers = 32,
        MinimumLedgerEntries = 1_000_000,
    };

    public static readonly IReadOnlyList<ScaleProfile> All = [Smoke, Village, County, Province];

    public static ScaleProfile ByName(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown scale '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.");
}
