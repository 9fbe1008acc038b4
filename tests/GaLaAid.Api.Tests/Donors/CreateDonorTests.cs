using GaLaAid.Api.Donors;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Donors;

public sealed class CreateDonorTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection = "{ id name kind contact note recordedBy recordedAt }";

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> CreateDonorAsync(object input) =>
        scenario.Client.MutateAsync("createDonor", "donor", Selection, input);

    [Fact]
    public async Task CreateDonor_stores_the_trimmed_donor_with_who_and_when()
    {
        var before = await app.LedgerCountsAsync();
        var from = DateTime.UtcNow;

        var donor = (await CreateDonorAsync(new { name = "  州委办公室党支部 ", kind = "PARTY_BRANCH", contact = " 0971-8123456 ", note = "   " })).Ok();

        var to = DateTime.UtcNow;
        var id = LedgerScenario.RowId((string?)donor["id"], "Donor");
        Assert.Equal("州委办公室党支部", (string?)donor["name"]);
        Assert.Equal("PARTY_BRANCH", (string?)donor["kind"]);
        Assert.Equal("0971-8123456", (string?)donor["contact"]);
        Assert.Null(donor["note"]);
        Assert.Equal("admin", (string?)donor["recordedBy"]);

        var stored = await app.QueryDatabaseAsync(db => db.Donors.SingleAsync(d => d.Id == id));
        Assert.Equal("州委办公室党支部", stored.Name);
        Assert.Equal(DonorKind.PartyBranch, stored.Kind);
        Assert.Equal("0971-8123456", stored.Contact);
        Assert.Null(stored.Note);
        Assert.Equal("admin", stored.RecordedBy);
        LedgerScenario.RecordedBetween(from, stored.RecordedAt, to);
        Assert.Equal(stored.RecordedAt, LedgerScenario.Utc(donor["recordedAt"]));
        Assert.Equal(before with { Donors = before.Donors + 1, AuditEntries = before.AuditEntries + 1 }, await app.LedgerCountsAsync());
    }

    [Fact]
    public async Task CreateDonor_accepts_a_name_of_exactly_200_characters()
    {
        var name = new string('马', 200);

        var donor = (await CreateDonorAsync(new { name, kind = "PERSON" })).Ok();

        Assert.Equal(name, (string?)donor["name"]);
        Assert.Equal("PERSON", (string?)donor["kind"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task CreateDonor_refuses_a_blank_name(string name) =>
        await scenario.RefusedAsync(() => CreateDonorAsync(new { name, kind = "PERSON" }), "VALIDATION_FAILED", "name");

    [Theory]
    [InlineData("name", 201)]
    [InlineData("contact", 201)]
    [InlineData("note", 1001)]
    public async Task CreateDonor_refuses_over_long_text(string field, int length)
    {
        var text = new string('x', length);
        object input = field switch
        {
            "name" => new { name = text, kind = "COMPANY" },
            "contact" => new { name = "青海某公司", kind = "COMPANY", contact = text },
            _ => new { name = "青海某公司", kind = "COMPANY", note = text },
        };

        await scenario.RefusedAsync(() => CreateDonorAsync(input), "VALIDATION_FAILED", field);
    }
}
