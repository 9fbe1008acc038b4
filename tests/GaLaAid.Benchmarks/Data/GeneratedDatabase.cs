using System.Text.Json;

namespace GaLaAid.Benchmarks.Data;

/// <summary>An API key of one generated account.</summary>
internal sealed record AccountKey(string UserName, string Role, string Key);

/// <summary>Rows per table of a generated database, as its sanity check counted them.</summary>
internal sealed record TableCounts(
    long Recipients,
    long Households,
    long Donors,
    long InKindDonations,
    long DonationLines,
    long StockItems,
    long StockEntries,
    long Handovers,
    long CashDonations,
    long Disbursements,
    long FundEntries,
    long AuditEntries)
{
    public long LedgerEntries => StockEntries + FundEntries;
}

/// <summary>
/// A generated database and what the workloads need to use it: the accounts' API keys (only their
/// hashes are in the database) and the fingerprint that decides whether a cached file still fits.
/// Stored next to the database as &lt;scale&gt;.json.
/// </summary>
internal sealed record GeneratedDatabase
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public required string Scale { get; init; }
    public required string Fingerprint { get; init; }
    public required DateTime GeneratedAt { get; init; }
    public required double GenerationSeconds { get; init; }
    public required TableCounts Counts { get; init; }
    public required string AuditHeadHash { get; init; }
    public required IReadOnlyList<AccountKey> Accounts { get; init; }

    /// <summary>Where the database file is; set when loaded, not stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Path { get; init; } = string.Empty;

    public string AdminKey => KeyOf("admin");

    public string StaffKey => KeyOf("staff");

    public string AuditorKey => KeyOf("auditor");

    /// <summary>The volunteers' keys, one account each, so concurrent handovers come from different users.</summary>
    public IReadOnlyList<AccountKey> Volunteers => Accounts.Where(a => a.Role == "Volunteer").ToList();

    private string KeyOf(string userName) =>
        Accounts.FirstOrDefault(a => a.UserName == userName)?.Key
        ?? throw new InvalidOperationException($"The generated database has no account '{userName}'.");

    public static string ManifestPath(string databasePath) => System.IO.Path.ChangeExtension(databasePath, ".json");

    public void Save() => File.WriteAllText(ManifestPath(Path), JsonSerializer.Serialize(this, JsonOptions));

    /// <summary>The cached database at this path, when both it and its manifest exist and the fingerprint matches.</summary>
    public static GeneratedDatabase? TryLoad(string databasePath, string fingerprint)
    {
        var manifest = ManifestPath(databasePath);
        if (!File.Exists(databasePath) || !File.Exists(manifest))
        {
            return null;
        }

        try
        {
            var loaded = JsonSerializer.Deserialize<GeneratedDatabase>(File.ReadAllText(manifest), JsonOptions);
            return loaded is not null && loaded.Fingerprint == fingerprint ? loaded with { Path = databasePath } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
