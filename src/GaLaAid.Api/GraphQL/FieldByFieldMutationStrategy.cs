using GraphQL.Execution;

namespace GaLaAid.Api.GraphQL;

/// <summary>
/// Runs the root fields of a mutation one after another, each with its whole result — batched loads
/// included — completed before the next begins, as the GraphQL spec requires. GraphQL.NET's serial
/// strategy defers batched loads until every pending field has run, which would let the result of
/// the first of two mutations in one request show data written by the second.
/// </summary>
public sealed class FieldByFieldMutationStrategy : SerialExecutionStrategy
{
    public override async Task ExecuteNodeTreeAsync(global::GraphQL.Execution.ExecutionContext context, ExecutionNode rootNode)
    {
        if (rootNode is RootExecutionNode { SubFields: { Length: > 1 } fields })
        {
            foreach (var field in fields)
            {
                await base.ExecuteNodeTreeAsync(context, field);
            }

            return;
        }

        await base.ExecuteNodeTreeAsync(context, rootNode);
    }
}
