using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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
    /// <remarks>
    /// A bulk donation hashes 200,000 rows inside its transaction, so the fixed part of each row's
    /// serialization (version, table, column names) is encoded once per table and the row is hashed
    /// in one call; the bytes hashed are exactly the field-by-field form described above.
    /// </remarks>
    public static string Row(IEntityType entityType, object entity)
    {
        var layout = RowLayouts.GetValue(entityType, RowLayout.Of);
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(layout.Prefix);
        foreach (var column in layout.Columns)
        {
            buffer.Write(column.NameField);
            Field(buffer, Value(column.Property, column.Converter, column.Getter.GetClrValue(entity)));
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, digest);
        return Convert.ToHexStringLower(digest);
    }

    private static readonly ConditionalWeakTable<IEntityType, RowLayout> RowLayouts = new();

    /// <summary>What every row of one table hashes the same: the version and table fields, and each hashed column's name field.</summary>
    private sealed record RowLayout(byte[] Prefix, IReadOnlyList<(IProperty Property, IClrPropertyGetter Getter, ValueConverter? Converter, byte[] NameField)> Columns)
    {
        public static RowLayout Of(IEntityType entityType)
        {
            var prefix = new ArrayBufferWriter<byte>();
            Field(prefix, RowVersion);
            Field(prefix, entityType.GetTableName()!);
            var columns = AuditedTables.HashedProperties(entityType)
                .Select(p =>
                {
                    var name = new ArrayBufferWriter<byte>();
                    Field(name, p.GetColumnName());
                    return (p, p.GetGetter(), p.GetTypeMapping().Converter, name.WrittenSpan.ToArray());
                })
                .ToList();
            return new RowLayout(prefix.WrittenSpan.ToArray(), columns);
        }
    }

    /// <summary>
    /// Microseconds, not ticks: PostgreSQL keeps timestamps to the microsecond, and a hash must not
    /// change because the database dropped a digit it never promised to keep.
    /// </summary>
    public static DateTime ToMicroseconds(DateTime value) => new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);

    private static string Timestamp(DateTime value) =>
        ToMicroseconds(value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A type tag and the value as the database holds it (after the property's converter), in invariant text.</summary>
    private static string Value(IProperty property, ValueConverter? converter, object? clrValue)
    {
        var value = converter is not null && clrValue is not null
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

    /// <summary>The same field encoding as <see cref="Field(IncrementalHash, string)"/>, into a buffer.</summary>
    private static void Field(ArrayBufferWriter<byte> buffer, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var span = buffer.GetSpan(length + 12);
        length.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        span[written++] = (byte)':';
        written += Encoding.UTF8.GetBytes(text, span[written..]);
        span[written++] = (byte)'\n';
        buffer.Advance(written);
    }

    private static void Field(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        hash.AppendData(bytes);
        hash.AppendData("\n"u8);
    }
}
