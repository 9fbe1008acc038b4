using System.Globalization;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// Collects every problem of one input before anything is written, so the person sees all of them
/// at once, each naming its field and saying what is allowed.
/// </summary>
public sealed class InputCheck
{
    /// <summary>Ten million yuan: larger single amounts are typing mistakes in a village ledger.</summary>
    public const long MaxAmountFen = 10_000_000_00;
    public const int MaxQuantity = 1_000_000;

    private static readonly DateOnly EarliestDate = new(2000, 1, 1);

    private readonly List<DomainError> errors = [];

    public IReadOnlyList<DomainError> Errors => errors;

    public void Add(DomainError error) => errors.Add(error);

    public void Fail(string field, string message) => errors.Add(new ValidationError(field, message));

    /// <summary>Trims the text; a required text must not be blank, and none may exceed its length.</summary>
    public string? Text(string field, string? value, int maxLength, bool required)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                Fail(field, $"'{field}' is required and must not be blank.");
            }

            return null;
        }

        if (trimmed.Length > maxLength)
        {
            Fail(field, $"'{field}' is {trimmed.Length} characters long; at most {maxLength} are allowed.");
        }

        return trimmed;
    }

    public string RequiredText(string field, string? value, int maxLength) =>
        Text(field, value, maxLength, required: true) ?? string.Empty;

    public void Quantity(string field, int value, int max = MaxQuantity)
    {
        if (value <= 0 || value > max)
        {
            Fail(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' must be a whole number from 1 to {max}; {value} was given."));
        }
    }

    public void AmountFen(string field, long value)
    {
        if (value <= 0 || value > MaxAmountFen)
        {
            Fail(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' is in fen (1 yuan = 100 fen) and must be from 1 to {MaxAmountFen}; {value} was given."));
        }
    }

    public void NonNegativeFen(string field, long value)
    {
        if (value < 0 || value > MaxAmountFen)
        {
            Fail(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' is in fen and must be from 0 to {MaxAmountFen}; {value} was given."));
        }
    }

    /// <summary>
    /// A day on which something already happened: from 2000 up to today. "Today" is taken from UTC
    /// plus one day, because the village's day (UTC+8) starts before the UTC day does.
    /// </summary>
    public void PastDate(string field, DateOnly value, DateOnly todayUtc) => DateBetween(field, value, EarliestDate, todayUtc.AddDays(1));

    /// <summary>A day something is expected on: from 2000 up to five years ahead.</summary>
    public void ExpectedDate(string field, DateOnly? value, DateOnly todayUtc)
    {
        if (value is { } date)
        {
            DateBetween(field, date, EarliestDate, todayUtc.AddYears(5));
        }
    }

    private void DateBetween(string field, DateOnly date, DateOnly earliest, DateOnly latest)
    {
        if (date < earliest || date > latest)
        {
            Fail(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' must be between {earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd}; {date:yyyy-MM-dd} was given."));
        }
    }

    /// <summary>A moment that already happened: from 2000 up to now (a few minutes of clock skew allowed).</summary>
    public void Moment(string field, DateTime value, DateTime now)
    {
        if (value < EarliestDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) || value > now.AddMinutes(5))
        {
            Fail(field, string.Create(CultureInfo.InvariantCulture, $"'{field}' must lie between {EarliestDate:yyyy-MM-dd} and now; {value:yyyy-MM-dd HH:mm} UTC was given."));
        }
    }

    /// <summary>Decodes a global id, recording INVALID_ID instead of throwing so other fields are still checked.</summary>
    public int Id(string field, string? globalId, string expectedType)
    {
        if (!GlobalId.TryDecode(globalId, out var typeName, out var id) || typeName != expectedType || id > int.MaxValue)
        {
            errors.Add(new InvalidIdError(field, expectedType, globalId));
            return 0;
        }

        return (int)id;
    }

    public long LongId(string field, string? globalId, string expectedType)
    {
        if (!GlobalId.TryDecode(globalId, out var typeName, out var id) || typeName != expectedType)
        {
            errors.Add(new InvalidIdError(field, expectedType, globalId));
            return 0;
        }

        return id;
    }

    public int? OptionalId(string field, string? globalId, string expectedType) =>
        globalId is null ? null : Id(field, globalId, expectedType);

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new DomainException(errors.ToList());
        }
    }
}
