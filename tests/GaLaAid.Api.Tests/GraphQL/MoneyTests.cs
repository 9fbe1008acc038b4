using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Tests.GraphQL;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(0L, "0.00")]
    [InlineData(1L, "0.01")]
    [InlineData(10L, "0.10")]
    [InlineData(99L, "0.99")]
    [InlineData(100L, "1.00")]
    [InlineData(500_012L, "5000.12")]
    [InlineData(100_000_000_000L, "1000000000.00")]
    [InlineData(-1L, "-0.01")]
    [InlineData(-99L, "-0.99")]
    [InlineData(-100L, "-1.00")]
    [InlineData(-123_456L, "-1234.56")]
    [InlineData(long.MaxValue, "92233720368547758.07")]
    [InlineData(long.MinValue, "-92233720368547758.08")]
    public void Format_writes_fen_as_yuan_with_exactly_two_decimals(long fen, string expected) =>
        Assert.Equal(expected, Money.Format(fen));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1L, "0.01")]
    [InlineData(500_012L, "5000.12")]
    [InlineData(-5L, "-0.05")]
    [InlineData(long.MaxValue, "92233720368547758.07")]
    public void ToYuan_is_exact_to_the_fen(long fen, string yuan) =>
        Assert.Equal(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture), Money.ToYuan(fen));

    [Fact]
    public void Format_and_ToYuan_agree_for_every_fen_value_of_a_wide_sample()
    {
        var random = new Random(20160318);
        for (var i = 0; i < 10_000; i++)
        {
            var fen = random.NextInt64(-InputCheck.MaxAmountFen * 10, InputCheck.MaxAmountFen * 10);

            Assert.Equal(Money.ToYuan(fen), decimal.Parse(Money.Format(fen), System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
