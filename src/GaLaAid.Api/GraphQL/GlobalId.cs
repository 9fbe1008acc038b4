using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// Opaque global object ids ("Relay ids"): the GraphQL type name and the row id, base64url-encoded.
/// Clients must treat them as opaque; the encoding only keeps them stable and unambiguous.
/// </summary>
public static class GlobalId
{
    public static string Encode(string typeName, long id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{typeName}:{id}")));

    public static bool TryDecode(string? globalId, out string typeName, out long id)
    {
        typeName = string.Empty;
        id = 0;
        if (string.IsNullOrWhiteSpace(globalId) || globalId.Length > 200)
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(globalId.Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0
            || !long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            || id <= 0)
        {
            return false;
        }

        typeName = text[..colon];
        // Only the exact form this API issues is accepted (no "Donor:01" or "Donor:+1").
        return text == string.Create(CultureInfo.InvariantCulture, $"{typeName}:{id}");
    }

    /// <summary>Decodes an id that must name <paramref name="expectedType"/>; anything else is a typed INVALID_ID error.</summary>
    public static long Parse(string? globalId, string expectedType, string field)
    {
        if (!TryDecode(globalId, out var typeName, out var id) || typeName != expectedType)
        {
            throw new DomainException(new InvalidIdError(field, expectedType, globalId));
        }

        return id;
    }

    /// <summary>Decodes a query argument; a bad id is a GraphQL error with code INVALID_ID.</summary>
    public static long ParseArgument(string globalId, string expectedType, string argument)
    {
        if (!TryDecode(globalId, out var typeName, out var id) || typeName != expectedType)
        {
            throw new global::GraphQL.ExecutionError(new InvalidIdError(argument, expectedType, globalId).Message)
            {
                Code = ErrorCodes.InvalidId,
            };
        }

        return id;
    }

    public static int ParseInt(string? globalId, string expectedType, string field)
    {
        var id = Parse(globalId, expectedType, field);
        if (id > int.MaxValue)
        {
            throw new DomainException(new InvalidIdError(field, expectedType, globalId));
        }

        return (int)id;
    }
}
