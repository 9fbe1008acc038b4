using System.Globalization;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// An expected failure of a write: returned in the mutation payload's <c>errors</c>, never thrown to the client.
/// Codes are stable; messages speak to the person and say what to do.
/// </summary>
public abstract record DomainError(string Code, string Message);

public sealed record ValidationError(string Field, string Message) : DomainError(ErrorCodes.ValidationFailed, Message);

public sealed record InvalidIdError(string Field, string ExpectedType, string? Value)
    : DomainError(ErrorCodes.InvalidId, $"'{Field}' is not a valid {ExpectedType} id. Use the 'id' value returned by the API for a {ExpectedType}.");

public sealed record NotFoundError(string Field, string EntityType, string Id)
    : DomainError(ErrorCodes.NotFound, $"No {EntityType} exists with the id given in '{Field}'. Check the id, or query the list of {EntityType}s first.");

public sealed record InsufficientStockError(int ItemId, string LabelCode, int Requested, int OnHand)
    : DomainError(
        ErrorCodes.InsufficientStock,
        string.Create(CultureInfo.InvariantCulture, $"Item {LabelCode} has {OnHand} on hand; {Requested} cannot be taken from it. Reduce the quantity or choose another item."));

public sealed record FundOverdrawnError(int FundId, string FundName, long RequestedFen, long BalanceFen)
    : DomainError(
        ErrorCodes.FundOverdrawn,
        string.Create(CultureInfo.InvariantCulture, $"Fund '{FundName}' holds {Money.Format(BalanceFen)} yuan; {Money.Format(RequestedFen)} yuan cannot be taken from it. Reduce the amount or pay from another fund."));

public sealed record IdempotencyKeyReusedError(string Field)
    : DomainError(
        ErrorCodes.IdempotencyKeyReused,
        "This idempotency key was already used for a different request. Send a new key for a new request; resend the same key only with exactly the same input.");

public sealed record ReversalRefusedError(string Code, string EntryType, long EntryId, string Message) : DomainError(Code, Message);

public static class ErrorCodes
{
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string InvalidId = "INVALID_ID";
    public const string NotFound = "NOT_FOUND";
    public const string InsufficientStock = "INSUFFICIENT_STOCK";
    public const string FundOverdrawn = "FUND_OVERDRAWN";
    public const string AlreadyReversed = "ALREADY_REVERSED";
    public const string CannotReverseReversal = "CANNOT_REVERSE_REVERSAL";
    public const string Conflict = "CONFLICT";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
}

/// <summary>Carries expected failures out of a feature's rules so the transaction rolls back and nothing is written.</summary>
public sealed class DomainException : Exception
{
    public DomainException(IReadOnlyList<DomainError> errors)
        : base(string.Join("; ", errors.Select(e => e.Message))) => Errors = errors;

    public DomainException(DomainError error)
        : this([error])
    {
    }

    public DomainException()
        : this([])
    {
    }

    public DomainException(string message)
        : base(message) => Errors = [];

    public DomainException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    public IReadOnlyList<DomainError> Errors { get; }
}

public static class Money
{
    /// <summary>Formats fen as yuan with two decimals, exactly (no floating point).</summary>
    public static string Format(long fen)
    {
        // Split before taking absolute values: Math.Abs(long.MinValue) overflows, its quotient and remainder do not.
        var sign = fen < 0 ? "-" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{Math.Abs(fen / 100)}.{Math.Abs(fen % 100):D2}");
    }

    public static decimal ToYuan(long fen) => fen / 100m;
}
