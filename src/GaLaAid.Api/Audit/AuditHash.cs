using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GaLaAid.Api.Audit;

/// <summary>
/// The canonical, versioned serializations the trail hashes. Each field is written as its UTF-8 byte
/// length, a colon, the bytes and a newline, so no choice of text in one field can imitate another
/// field; the version tag comes first so a future format can live beside this one.
/// </summary>
public static class AuditHash
{
    public const string EntryVersion = "galaaid-audit-entry-v1";
    public const string RowVersion = "galaaid-audit-row-v1";

    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Entry(long sequence, DateTime recordedAt, string actor, string operation, string input, string writes, string previousHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(hash, EntryVersion);
        Field(hash, sequence.ToString(CultureInfo.InvariantCulture));
        Field(hash, Timestamp(recordedAt));
        Field(hash, actor);
        Field(hash, operation);
        Field(hash, input);
        Field(hash, writes);
        Field(hash, previousHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string Entry(AuditEntry entry) =>
        Entry(entry.Sequence, entry.RecordedAt, entry.Actor, entry.Operation, entry.Input, entry.Writes, entry.PreviousHash);

    /// <summary>
    /// The hash of a row's content: its table and every mapped column, by column name, except the
    /// cached columns that are legitimately moved in place (<see cref="AuditedTables.IsCachedColumn"/>).
    /// </summary>
    public static string Row(IEntityType entityType, object entity)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(hash, RowVersion);
        Field(hash, entityType.GetTableName()!);
        foreach (var property in AuditedTables.HashedProperties(entityType))
        {
            Field(hash, property.GetColumnName());
            Field(hash, Value(property, property.GetGetter().GetClrValue(entity)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Microseconds, not ticks: PostgreSQL keeps timestamps to the microsecond, and a hash must not
    /// change because the database dropped a digit it never promised to keep.
    /// </summary>
    public static DateTime ToMicroseconds(DateTime value) => new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);

    private static string Timestamp(DateTime value) =>
        ToMicroseconds(value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A type tag and the value as the database holds it (after the property's converter), in invariant text.</summary>
    private static string Value(IProperty property, object? clrValue)
    {
        var value = property.GetTypeMapping().Converter is { } converter && clrValue is not null
            ? converter.ConvertToProvider(clrValue)
            : clrValue;
        return value switch
        {
            null => "n",
            string text => "s:" + text,
            bool flag => flag ? "b:1" : "b:0",
            int or long or short or byte => "i:" + Convert.ToString(value, CultureInfo.InvariantCulture),
            DateTime moment => "t:" + Timestamp(moment),
            DateOnly day => "d:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException(
                $"The audit trail cannot hash {property.DeclaringType.DisplayName()}.{property.Name} of type {value.GetType().Name}; give AuditHash a canonical form for it."),
        };
    }

    private static void Field(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        hash.AppendData(bytes);
        hash.AppendData("\n"u8);
    }
}
