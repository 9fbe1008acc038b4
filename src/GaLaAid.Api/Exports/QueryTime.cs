namespace GaLaAid.Api.Exports;

/// <summary>Times given in a query string, as exports and notices take them.</summary>
public static class QueryTime
{
    /// <summary>A UTC time from the query string: a date (midnight UTC) or an ISO-8601 time; false when present and not one.</summary>
    public static bool TryTime(HttpRequest request, string key, out DateTime? value)
    {
        value = null;
        if (!request.Query.TryGetValue(key, out var raw))
        {
            return true;
        }

        if (raw.Count == 1 && DateTimeOffset.TryParse(raw[0], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed.UtcDateTime;
            return true;
        }

        return false;
    }
}
