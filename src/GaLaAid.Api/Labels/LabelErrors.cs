using GaLaAid.Api.GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.Labels;

public static class LabelErrorCodes
{
    public const string InvalidLabelCode = "INVALID_LABEL_CODE";
    public const string LabelNotFound = "LABEL_NOT_FOUND";
    public const string LabelVoided = "LABEL_VOIDED";

    public const string InvalidLabelCodeMessage =
        "This is not a valid label code: check each character against the label (codes look like GL-7K3Q-9XWD).";
}

public sealed record LabelVoidedError(string Field, VoidedLabel Voided) : DomainError(LabelErrorCodes.LabelVoided, Voided.Explanation);

public sealed class LabelVoidedErrorType : ErrorGraphType<LabelVoidedError>
{
    public LabelVoidedErrorType()
        : base("The label code given was voided and a new code issued for its item (code LABEL_VOIDED).")
    {
        Field(e => e.Field).Description("The input field holding the voided code, as a path such as 'lines[0].labelCode'.");
        Field<NonNullGraphType<StringGraphType>>("labelCode").Description("The voided code that was given.").Resolve(ctx => ctx.Source.Voided.Code);
        Field<NonNullGraphType<StringGraphType>>("currentCode").Description("The code the item carries now: use the new label.").Resolve(ctx => ctx.Source.Voided.CurrentCode);
        Field<NonNullGraphType<DateTimeGraphType>>("voidedAt").Description("When the code was voided (UTC).").Resolve(ctx => ctx.Source.Voided.VoidedAt);
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why the code was voided.").Resolve(ctx => ctx.Source.Voided.Reason);
    }
}
