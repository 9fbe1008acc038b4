using GaLaAid.Api.Data;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;

namespace GaLaAid.Api.GraphQL;

/// <summary>What every mutation returns: its result, or the expected errors that stopped it (and then nothing was written).</summary>
public sealed record MutationPayload(object? Result, IReadOnlyList<DomainError> Errors);

public static class MutationFields
{
    /// <summary>The errors every write can return, besides its own.</summary>
    private static readonly Type[] CommonErrors = [typeof(ValidationErrorType), typeof(InvalidIdErrorType), typeof(NotFoundErrorType)];

    /// <summary>
    /// Adds a mutation in the shape the API promises: one <c>input</c> argument, a <c>{Name}Payload</c>
    /// with the result and <c>errors: [{Name}Error!]!</c>, where <c>{Name}Error</c> is the union of the
    /// error types this mutation can return.
    /// </summary>
    public static void AddMutation<TInputType, TInput, TResultType>(
        this ObjectGraphType mutation,
        string name,
        string description,
        string resultField,
        string resultDescription,
        Func<IResolveFieldContext, TInput, Task<object>> handle,
        params Type[] extraErrors)
        where TInputType : IInputObjectGraphType
        where TResultType : IGraphType
    {
        var pascal = char.ToUpperInvariant(name[0]) + name[1..];
        var errorUnion = new UnionGraphType
        {
            Name = $"{pascal}Error",
            Description = $"An error that {name} can return.",
        };
        foreach (var errorType in CommonErrors.Concat(extraErrors))
        {
            errorUnion.Type(errorType);
        }

        var payload = new ObjectGraphType<MutationPayload>
        {
            Name = $"{pascal}Payload",
            Description = $"The result of {name}: {resultField} on success, otherwise errors (and nothing was written).",
        };
        payload.Field<TResultType>(resultField).Description(resultDescription).Resolve(ctx => ctx.Source.Result);
        payload.Field("errors", new NonNullGraphType(new ListGraphType(new NonNullGraphType(errorUnion))))
            .Description("Why the mutation was refused; empty on success.")
            .Resolve(ctx => ctx.Source.Errors);

        mutation.Field(name, new NonNullGraphType(payload))
            .Description(description)
            .Argument<NonNullGraphType<TInputType>>("input", "The mutation's input.")
            .ResolveAsync(async ctx =>
            {
                try
                {
                    var input = ctx.GetArgument<TInput>("input");
                    return new MutationPayload(await handle(ctx, input), []);
                }
                catch (DomainException refused)
                {
                    return new MutationPayload(null, refused.Errors);
                }
            });
    }
}

/// <summary>
/// Runs the root fields of a mutation one after another, each together with everything selected
/// below it (batched loads included) before the next one writes, as the GraphQL spec asks. The
/// stock SerialExecutionStrategy defers batched loads until the whole document has run, so the
/// payload of the first of two handovers would show the stock left after the second. Each root
/// field also starts with fresh batch loaders, so it never reports rows cached before its write.
/// </summary>
public sealed class SerialMutationExecutionStrategy : SerialExecutionStrategy
{
    public override async Task ExecuteNodeTreeAsync(global::GraphQL.Execution.ExecutionContext context, ExecutionNode rootNode)
    {
        if (rootNode is not RootExecutionNode root)
        {
            await base.ExecuteNodeTreeAsync(context, rootNode);
            return;
        }

        var fields = new List<ExecutionNode>();
        root.ApplyToChildren((field, list) => list.Add(field), fields);
        foreach (var field in fields)
        {
            context.RequestServices?.GetService<RequestLoaders>()?.Clear();
            await base.ExecuteNodeTreeAsync(context, field);
        }
    }
}
