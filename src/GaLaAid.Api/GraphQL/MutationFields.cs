using GaLaAid.Api.Accounts;
using GaLaAid.Api.Audit;
using GaLaAid.Api.Data;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

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
        Role[] roles,
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
            .AllowRoles(roles)
            .Argument<NonNullGraphType<TInputType>>("input", "The mutation's input.")
            .ResolveAsync(async ctx =>
            {
                // Objects loaded for an earlier mutation of this request may have changed since.
                ctx.Service<RequestLoaders>().Clear();
                var audit = ctx.Service<AuditScope>();
                // One connection for the whole write: its checks, its transaction and its audit entry.
                // Left to EF, each query and the transaction took a connection from the pool and gave
                // it back, and the transaction did so inside the writers' turn, which others wait for.
                var database = ctx.Service<AppDbContext>().Database;
                await database.OpenConnectionAsync(ctx.CancellationToken);
                try
                {
                    var input = ctx.GetArgument<TInput>("input");
                    audit.Begin(name, input);
                    return new MutationPayload(await handle(ctx, input), []);
                }
                catch (DomainException refused)
                {
                    return new MutationPayload(null, refused.Errors);
                }
                finally
                {
                    audit.End();
                    await database.CloseConnectionAsync();
                }
            });
    }
}
