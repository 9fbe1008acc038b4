using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Exports;

/// <summary>How a column's values are written: numbers stay numbers in XLSX, money is yuan with two decimals, times are ISO-8601 UTC text.</summary>
public enum ExportValueKind
{
    Text,
    WholeNumber,
    Money,
    Timestamp,
    Date,
    Flag,
}

/// <summary>One column: its English name, its Chinese name, and how its values are written. The header shows both.</summary>
public sealed record ExportColumn(string Name, string ChineseName, ExportValueKind Kind)
{
    public string Header => string.IsNullOrEmpty(ChineseName) ? Name : $"{Name} {ChineseName}";
}

/// <summary>What one export asks for: the period (from inclusive, to exclusive, UTC) and who asks.</summary>
public sealed record ExportRequest(AppDbContext Db, DateTime From, DateTime To, ClaimsPrincipal User, CancellationToken CancellationToken)
{
    /// <summary>The service's clock, for reports that judge against today (a pledge is overdue after its date).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>An exportable dataset: who may export it, its columns, and its rows as a stream of cell values.</summary>
public sealed record ExportDataset(
    string Name,
    string Title,
    IReadOnlyList<Role> Roles,
    string DateColumn,
    IReadOnlyList<ExportColumn> Columns,
    Func<ExportRequest, IAsyncEnumerable<object?[]>> Rows)
{
    public bool AllowsAnyRoleOf(ClaimsPrincipal user) => Roles.Any(role => user.IsInRole(role.Name()));
}

/// <summary>The columns of a dataset of <typeparamref name="T"/> rows, each with the function that reads its value.</summary>
public sealed class ExportColumns<T>
{
    private readonly List<(ExportColumn Column, Func<T, object?> Value)> columns = [];

    internal IReadOnlyList<(ExportColumn Column, Func<T, object?> Value)> All => columns;

    public ExportColumns<T> Text(string name, string chinese, Func<T, string?> value) => Add(name, chinese, ExportValueKind.Text, r => value(r));

    public ExportColumns<T> Number(string name, string chinese, Func<T, long?> value) => Add(name, chinese, ExportValueKind.WholeNumber, r => value(r));

    /// <summary>An amount kept in fen, exported in yuan (fen / 100, exact).</summary>
    public ExportColumns<T> Money(string name, string chinese, Func<T, long?> fen) =>
        Add(name, chinese, ExportValueKind.Money, r => fen(r) is { } f ? f / 100m : null);

    public ExportColumns<T> Timestamp(string name, string chinese, Func<T, DateTime?> value) => Add(name, chinese, ExportValueKind.Timestamp, r => value(r));

    public ExportColumns<T> Date(string name, string chinese, Func<T, DateOnly?> value) => Add(name, chinese, ExportValueKind.Date, r => value(r));

    public ExportColumns<T> Flag(string name, string chinese, Func<T, bool?> value) => Add(name, chinese, ExportValueKind.Flag, r => value(r));

    private ExportColumns<T> Add(string name, string chinese, ExportValueKind kind, Func<T, object?> value)
    {
        columns.Add((new ExportColumn(name, chinese, kind), value));
        return this;
    }

    /// <summary>
    /// Columns read off a report's row record: one per public property, in declaration order. A
    /// <c>long</c> named <c>…Fen</c> becomes money in yuan named <c>…Yuan</c>; a [Description] on the
    /// property gives the Chinese name.
    /// </summary>
    internal static ExportColumns<T> FromProperties()
    {
        var result = new ExportColumns<T>();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var chinese = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? string.Empty;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? Read(T row) => property.GetValue(row);
            if (type == typeof(long) && name.EndsWith("Fen", StringComparison.Ordinal))
            {
                result.Money(name[..^3] + "Yuan", chinese, r => (long?)Read(r));
            }
            else if (type == typeof(int) || type == typeof(long) || type == typeof(short))
            {
                result.Number(name, chinese, r => Read(r) is { } v ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null);
            }
            else if (type == typeof(DateTime))
            {
                result.Timestamp(name, chinese, r => (DateTime?)Read(r));
            }
            else if (type == typeof(DateOnly))
            {
                result.Date(name, chinese, r => (DateOnly?)Read(r));
            }
            else if (type == typeof(bool))
            {
                result.Flag(name, chinese, r => (bool?)Read(r));
            }
            else
            {
                result.Text(name, chinese, r => Read(r)?.ToString());
            }
        }

        return result;
    }
}

/// <summary>Reads a table in id order, a page of rows per query, so no reader stays open for a whole long export.</summary>
public static class Keyset
{
    public const int PageSize = 5_000;

    /// <param name="pageAfter">The rows after this id, in id order (the page size is applied here).</param>
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        Func<long, IQueryable<T>> pageAfter, Func<T, long> idOf, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = long.MinValue;
        while (true)
        {
            var count = 0;
            await foreach (var row in pageAfter(after).Take(PageSize).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                count++;
                after = idOf(row);
                yield return row;
            }

            if (count < PageSize)
            {
                yield break;
            }
        }
    }
}
