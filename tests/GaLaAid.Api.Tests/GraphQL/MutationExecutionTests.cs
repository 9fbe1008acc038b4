using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Tests.GraphQL;

public sealed class MutationExecutionTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    [Fact]
    public async Task Each_mutation_field_shows_the_state_after_itself_not_after_later_fields()
    {
        var client = app.GraphQL();
        var setup = await client.DataAsync("""
            mutation {
              createDonor(input: { name: "州委办公室党支部", kind: PARTY_BRANCH }) { donor { id } }
              createFund(input: { name: "帮扶资金-执行顺序" }) { fund { id } }
            }
            """);
        var donorId = (string)setup["createDonor"]!["donor"]!["id"]!;
        var fundId = (string)setup["createFund"]!["fund"]!["id"]!;

        var data = await client.DataAsync(
            """
            mutation($donor: ID!, $fund: ID!) {
              first: recordCashDonation(input: { donorId: $donor, fundId: $fund, amountFen: 100, receivedOn: "2016-03-18" }) {
                cashDonation { fund { balanceFen } }
              }
              second: recordCashDonation(input: { donorId: $donor, fundId: $fund, amountFen: 200, receivedOn: "2016-03-18" }) {
                cashDonation { fund { balanceFen } }
              }
            }
            """,
            new { donor = donorId, fund = fundId });

        Assert.Equal(100, (long)data["first"]!["cashDonation"]!["fund"]!["balanceFen"]!);
        Assert.Equal(300, (long)data["second"]!["cashDonation"]!["fund"]!["balanceFen"]!);
        Assert.Equal(GlobalId.Encode("Fund", 1), fundId);
    }
}
