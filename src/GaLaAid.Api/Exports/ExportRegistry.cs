using GaLaAid.Api.Accounts;

namespace GaLaAid.Api.Exports;

/// <summary>Every dataset that can be exported, by name. Adding one is one call to <see cref="Add{T}"/> or <see cref="AddReport{T}"/>.</summary>
public sealed class ExportRegistry
{
    private readonly Dictionary<string, ExportDataset> datasets = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<ExportDataset> All => datasets.Values;

    public ExportDataset? Find(string name) => datasets.GetValueOrDefault(name);

    /// <summary>A dataset streamed from the database (use <see cref="Keyset.ReadAsync"/>), with explicit columns.</summary>
    public ExportRegistry Add<T>(
        string name, string title, IReadOnlyList<Role> roles, string dateColumn,
        Func<ExportRequest, IAsyncEnumerable<T>> rows, Action<ExportColumns<T>> columns)
    {
        var spec = new ExportColumns<T>();
        columns(spec);
        return Register(name, title, roles, dateColumn, rows, spec);
    }

    private ExportRegistry Register<T>(
        string name, string title, IReadOnlyList<Role> roles, string dateColumn,
        Func<ExportRequest, IAsyncEnumerable<T>> rows, ExportColumns<T> spec)
    {
        var all = spec.All;
        async IAsyncEnumerable<object?[]> Cells(ExportRequest request)
        {
            await foreach (var row in rows(request).WithCancellation(request.CancellationToken))
            {
                var cells = new object?[all.Count];
                for (var i = 0; i < all.Count; i++)
                {
                    cells[i] = all[i].Value(row);
                }

                yield return cells;
            }
        }

        datasets.Add(name, new ExportDataset(name, title, roles, dateColumn, [.. all.Select(c => c.Column)], Cells));
        return this;
    }

    /// <summary>
    /// A report computed in memory (a report's rows are few: one per fund, category or unit), with its
    /// columns read off the row record's properties: <c>registry.AddReport("reconciliation", "对账", Roles.Readers, "-", r => Reconciliation.ComputeAsync(r.Db, r.CancellationToken))</c>.
    /// </summary>
    public ExportRegistry AddReport<T>(
        string name, string title, IReadOnlyList<Role> roles, string dateColumn, Func<ExportRequest, Task<IReadOnlyList<T>>> compute)
    {
        var spec = ExportColumns<T>.FromProperties();
        async IAsyncEnumerable<T> Rows(ExportRequest request)
        {
            foreach (var row in await compute(request))
            {
                yield return row;
            }
        }

        return Register(name, title, roles, dateColumn, Rows, spec);
    }
}
