using GaLaAid.Api.Accounts;
using GaLaAid.Api.Audit;
using GaLaAid.Api.Categories;
using GaLaAid.Api.Disbursements;
using GaLaAid.Api.Donations;
using GaLaAid.Api.Donors;
using GaLaAid.Api.Funds;
using GaLaAid.Api.Handovers;
using GaLaAid.Api.Labels;
using GaLaAid.Api.Pledges;
using GaLaAid.Api.Recipients;
using GaLaAid.Api.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GaLaAid.Api.Data;

/// <remarks>
/// Contexts are pooled (creating one costs more CPU than a scan's query): each is handed to one
/// scope at a time by <see cref="ServeScope"/>, which gives it that scope's audit state, and
/// forgets that state when the scope disposes it.
/// </remarks>
public sealed class AppDbContext : DbContext
{
    private readonly EventHandler<SavingChangesEventArgs> captureForAudit;
    private AuditScope? audit;

    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options) =>
        captureForAudit = (_, _) => Audit.Capture(ChangeTracker);

    /// <summary>The audit state of the scope this context serves.</summary>
    public AuditScope Audit => audit ?? throw new InvalidOperationException("This context serves no scope: take it from the scope's services, not from the pool.");

    /// <summary>Hands this context to a scope with that scope's audit state.</summary>
    public AppDbContext ServeScope(AuditScope scope)
    {
        audit = scope;
        // Every save is seen by the audit trail: what it inserts and updates, or a refusal when it
        // runs outside a write. Subscribed here, once, whether or not the pool kept earlier handlers.
        SavingChanges -= captureForAudit;
        SavingChanges += captureForAudit;
        return this;
    }

    public override void Dispose()
    {
        audit = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        audit = null;
        return base.DisposeAsync();
    }

    public DbSet<Donor> Donors => Set<Donor>();
    public DbSet<Fund> Funds => Set<Fund>();
    public DbSet<FundEntry> FundEntries => Set<FundEntry>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Recipient> Recipients => Set<Recipient>();
    public DbSet<Pledge> Pledges => Set<Pledge>();
    public DbSet<CashDonation> CashDonations => Set<CashDonation>();
    public DbSet<InKindDonation> InKindDonations => Set<InKindDonation>();
    public DbSet<DonationLine> DonationLines => Set<DonationLine>();
    public DbSet<StockItem> StockItems => Set<StockItem>();
    public DbSet<StockEntry> StockEntries => Set<StockEntry>();
    public DbSet<Handover> Handovers => Set<Handover>();
    public DbSet<Disbursement> Disbursements => Set<Disbursement>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<LabelReissue> LabelReissues => Set<LabelReissue>();
    public DbSet<LabelPrintJob> LabelPrintJobs => Set<LabelPrintJob>();
    public DbSet<LabelPrint> LabelPrints => Set<LabelPrint>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; the converter restores DateTimeKind.Utc that SQLite does not keep.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        // Enums are stored by name so the database stays readable to an auditor with a SQL client.
        configurationBuilder.Properties<LedgerEntryKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DonorKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<RecipientKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<PledgeKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ItemCondition>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TrackingMode>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Role>().HaveConversion<string>().HaveMaxLength(16);
    }

    // Internal, not private: the compiled model (Data/CompiledModel) creates it.
    internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
