using GraphQL.Types;

namespace GaLaAid.Api.GraphQL;

public sealed class ErrorInterfaceType : InterfaceGraphType<DomainError>
{
    public ErrorInterfaceType()
    {
        Name = "Error";
        Description = "An expected failure of a mutation. Nothing was written when a payload carries one.";
        Field(e => e.Message).Description("What went wrong and what to do, for the person using the client.");
        Field(e => e.Code).Description("A stable machine-readable code, e.g. VALIDATION_FAILED or INSUFFICIENT_STOCK.");
    }
}

/// <summary>Base for the concrete error types: the shared fields and the Error interface.</summary>
public abstract class ErrorGraphType<TError> : ObjectGraphType<TError>
    where TError : DomainError
{
    protected ErrorGraphType(string description)
    {
        Name = typeof(TError).Name;
        Description = description;
        Field(e => e.Message).Description("What went wrong and what to do, for the person using the client.");
        Field(e => e.Code).Description("A stable machine-readable code.");
        Interface<ErrorInterfaceType>();
        IsTypeOf = value => value is TError;
    }
}

public sealed class ValidationErrorType : ErrorGraphType<ValidationError>
{
    public ValidationErrorType()
        : base("An input field has a value that is not allowed (code VALIDATION_FAILED).") =>
        Field(e => e.Field).Description("The input field at fault, as a path such as 'lines[2].quantity'.");
}

public sealed class InvalidIdErrorType : ErrorGraphType<InvalidIdError>
{
    public InvalidIdErrorType()
        : base("An id argument is malformed or names the wrong type of object (code INVALID_ID).")
    {
        Field(e => e.Field).Description("The input field holding the bad id.");
        Field(e => e.ExpectedType).Description("The type of object the id should name.");
    }
}

public sealed class NotFoundErrorType : ErrorGraphType<NotFoundError>
{
    public NotFoundErrorType()
        : base("An id is well formed but no such object exists (code NOT_FOUND).")
    {
        Field(e => e.Field).Description("The input field holding the unknown id.");
        Field(e => e.EntityType).Description("The type of object that was looked for.");
    }
}

public sealed class InsufficientStockErrorType : ErrorGraphType<InsufficientStockError>
{
    public InsufficientStockErrorType()
        : base("Taking the quantity asked for would make stock negative (code INSUFFICIENT_STOCK).")
    {
        Field<NonNullGraphType<IdGraphType>>("itemId").Description("The item that has too little.")
            .Resolve(ctx => GlobalId.Encode("Item", ctx.Source.ItemId));
        Field(e => e.LabelCode).Description("The item's label code.");
        Field(e => e.Requested).Description("The quantity asked for.");
        Field(e => e.OnHand).Description("The quantity on hand when the request was refused.");
    }
}

public sealed class FundOverdrawnErrorType : ErrorGraphType<FundOverdrawnError>
{
    public FundOverdrawnErrorType()
        : base("Paying the amount asked for would overdraw the fund (code FUND_OVERDRAWN).")
    {
        Field<NonNullGraphType<IdGraphType>>("fundId").Description("The fund that holds too little.")
            .Resolve(ctx => GlobalId.Encode("Fund", ctx.Source.FundId));
        Field(e => e.RequestedFen).Description("The amount asked for, in fen (1 yuan = 100 fen).");
        Field(e => e.BalanceFen).Description("The fund's balance when the request was refused, in fen.");
    }
}

public sealed class ReversalRefusedErrorType : ErrorGraphType<ReversalRefusedError>
{
    public ReversalRefusedErrorType()
        : base("The entry cannot be reversed (code ALREADY_REVERSED or CANNOT_REVERSE_REVERSAL).") =>
        Field<NonNullGraphType<IdGraphType>>("entryId").Description("The entry that was to be reversed.")
            .Resolve(ctx => GlobalId.Encode(ctx.Source.EntryType, ctx.Source.EntryId));
}

public sealed class IdempotencyKeyReusedErrorType : ErrorGraphType<IdempotencyKeyReusedError>
{
    public IdempotencyKeyReusedErrorType()
        : base("The idempotency key was already used by this user for a request with different input (code IDEMPOTENCY_KEY_REUSED).") =>
        Field(e => e.Field).Description("The input field holding the key.");
}
