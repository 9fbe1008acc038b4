namespace GaLaAid.Api.Audit;

/// <summary>
/// A set of row ids kept as sorted, disjoint ranges. Ids are handed out in ascending runs, so a
/// table of a million recorded rows usually fits in a handful of ranges instead of a million entries.
/// </summary>
public sealed class RowIdRanges
{
    private readonly List<(long First, long Last)> ranges = [];

    public int RangeCount => ranges.Count;

    public void Add(long id)
    {
        // Index of the first range that starts after id.
        var index = UpperBound(id);
        if (index > 0 && ranges[index - 1].Last >= id)
        {
            return;
        }

        var joinsPrevious = index > 0 && ranges[index - 1].Last == id - 1;
        var joinsNext = index < ranges.Count && ranges[index].First == id + 1;
        if (joinsPrevious && joinsNext)
        {
            ranges[index - 1] = (ranges[index - 1].First, ranges[index].Last);
            ranges.RemoveAt(index);
        }
        else if (joinsPrevious)
        {
            ranges[index - 1] = (ranges[index - 1].First, id);
        }
        else if (joinsNext)
        {
            ranges[index] = (id, ranges[index].Last);
        }
        else
        {
            ranges.Insert(index, (id, id));
        }
    }

    public bool Contains(long id)
    {
        var index = UpperBound(id);
        return index > 0 && ranges[index - 1].Last >= id;
    }

    private int UpperBound(long id)
    {
        // Most ids arrive after every range so far: answer those without a search.
        if (ranges.Count == 0 || ranges[^1].First <= id)
        {
            return ranges.Count;
        }

        int low = 0, high = ranges.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (ranges[middle].First <= id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
