using GaLaAid.Api.Audit;

namespace GaLaAid.Api.Tests.Audit;

public sealed class RowIdRangesTests
{
    [Fact]
    public void Ids_added_in_runs_are_kept_as_few_ranges_and_found_again()
    {
        var ranges = new RowIdRanges();
        for (var id = 1L; id <= 100_000; id++)
        {
            ranges.Add(id);
        }

        ranges.Add(200_000);

        Assert.Equal(2, ranges.RangeCount);
        Assert.True(ranges.Contains(1));
        Assert.True(ranges.Contains(100_000));
        Assert.True(ranges.Contains(200_000));
        Assert.False(ranges.Contains(0));
        Assert.False(ranges.Contains(100_001));
        Assert.False(ranges.Contains(199_999));
    }

    [Fact]
    public void Ids_added_out_of_order_join_their_neighbours()
    {
        var ranges = new RowIdRanges();
        foreach (var id in new long[] { 10, 12, 5, 11, 4, 6, 12, 20, 19, 7 })
        {
            ranges.Add(id);
        }

        // 4–7, 10–12, 19–20
        Assert.Equal(3, ranges.RangeCount);
        Assert.Equal(
            [4, 5, 6, 7, 10, 11, 12, 19, 20],
            Enumerable.Range(0, 25).Select(i => (long)i).Where(ranges.Contains));
    }
}
