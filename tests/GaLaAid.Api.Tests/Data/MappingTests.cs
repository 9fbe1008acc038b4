using GaLaAid.Api.Data;
using GaLaAid.Api.Donors;
using GaLaAid.Api.Funds;
using GaLaAid.Api.Recipients;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace GaLaAid.Api.Tests.Data;

public sealed class MappingTests
{
    private static readonly DateTimeOffset Now = new(2016, 3, 18, 9, 30, 0, TimeSpan.Zero);

    private static CurrentActor Actor()
    {
        var actor = new CurrentActor(new HttpContextAccessor(), new FakeTimeProvider(Now));
        actor.ActAs("staff-li");
        return actor;
    }

    [Fact]
    public void Mapping_configuration_compiles_and_every_destination_member_has_a_source()
    {
        // Compile validates the configuration: RequireDestinationMemberSource makes an unmapped member throw.
        Mappings.Config.Compile();
    }

    [Fact]
    public void Donor_input_maps_to_a_trimmed_donor_recorded_by_the_actor()
    {
        var donor = new CreateDonorInput { Name = "  州委办公室  ", Kind = DonorKind.GovernmentOffice, Contact = " ", Note = null }
            .ToNewEntity<Donor>(Actor());

        Assert.Equal("州委办公室", donor.Name);
        Assert.Equal(DonorKind.GovernmentOffice, donor.Kind);
        Assert.Null(donor.Contact);
        Assert.Equal("staff-li", donor.RecordedBy);
        Assert.Equal(Now.UtcDateTime, donor.RecordedAt);
        Assert.Equal(0, donor.Id);
    }

    [Fact]
    public void Fund_input_maps_to_a_fund_with_a_zero_balance()
    {
        var fund = new CreateFundInput { Name = "慰问金", Purpose = "困难群众慰问" }.ToNewEntity<Fund>(Actor());

        Assert.Equal("慰问金", fund.Name);
        Assert.Equal(0, fund.BalanceFen);
        Assert.Equal("staff-li", fund.RecordedBy);
    }

    [Fact]
    public void Recipient_input_keeps_only_the_fields_of_its_level()
    {
        var unit = new CreateRecipientInput
        {
            Kind = RecipientKind.SocialUnit,
            Name = "一社",
            UnitNumber = 1,
            HeadOfHousehold = "should be dropped",
            MemberCount = 4,
            IsRegisteredPoor = true,
        }.ToNewEntity<Recipient>(Actor(), parentId: 7);

        Assert.Equal(7, unit.ParentId);
        Assert.Equal(1, unit.UnitNumber);
        Assert.Null(unit.HeadOfHousehold);
        Assert.Null(unit.MemberCount);
        Assert.False(unit.IsRegisteredPoor);
    }
}
