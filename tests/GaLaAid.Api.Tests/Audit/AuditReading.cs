using System.Text.Json.Nodes;
using GaLaAid.Api.Audit;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Audit;

/// <summary>Reads the trail and its verification over GraphQL, and the ids of every audited table from the database.</summary>
public static class AuditReading
{
    public const string EntryFields = """
        sequence recordedAt actor operation input previousHash hash
        writes(first: 200) { totalCount nodes { table rowId change rowHash } }
        """;

    public const string VerifyQuery = """
        { verifyAuditTrail { ok entriesChecked rowsChecked headSequence headHash firstProblem { kind sequence table rowId message } } }
        """;

    public static async Task<JsonNode> HeadAsync(GraphQLClient client) =>
        Assert.Single((await client.DataAsync($"{{ auditTrail(last: 1) {{ nodes {{ {EntryFields} }} }} }}"))["auditTrail"]!["nodes"]!.AsArray())!;

    public static async Task<long> HeadSequenceAsync(GraphQLClient client) => (long)(await HeadAsync(client))["sequence"]!;

    public static async Task<JsonArray> EntriesAsync(GraphQLClient client, string arguments = "first: 100") =>
        (await client.DataAsync($"{{ auditTrail({arguments}) {{ nodes {{ {EntryFields} }} }} }}"))["auditTrail"]!["nodes"]!.AsArray();

    public static async Task<JsonNode> VerifyAsync(GraphQLClient client) => (await client.DataAsync(VerifyQuery))["verifyAuditTrail"]!;

    /// <summary>Verifies against a head noted at an earlier verification.</summary>
    public static async Task<JsonNode> VerifyAsync(GraphQLClient client, long notedSequence, string notedHash) =>
        (await client.DataAsync(
            """
            query($s: Long!, $h: String!) {
              verifyAuditTrail(notedSequence: $s, notedHash: $h) { ok headSequence headHash firstProblem { kind sequence table rowId message } }
            }
            """,
            new { s = notedSequence, h = notedHash }))["verifyAuditTrail"]!;

    /// <summary>Asserts that verification found this problem first, at this entry, table and row.</summary>
    public static async Task<JsonNode> ProblemAsync(GraphQLClient client, string kind, long? sequence, string? table = null, long? rowId = null)
    {
        var verification = await VerifyAsync(client);
        Assert.False((bool)verification["ok"]!, "Verification passed a tampered database.");
        var problem = verification["firstProblem"]!;
        Assert.True(
            (string?)problem["kind"] == kind && (long?)problem["sequence"] == sequence && (string?)problem["table"] == table && (long?)problem["rowId"] == rowId,
            $"Expected {kind} at entry {sequence}, {table} {rowId}; got {problem.ToJsonString()}");
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["message"]));
        return problem;
    }

    /// <summary>Every id of every audited table, to tell which rows a write inserted.</summary>
    public static Task<Dictionary<string, HashSet<long>>> RowIdsAsync(GaLaAidApp app) => app.QueryDatabaseAsync(async db =>
    {
        var ids = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        foreach (var entityType in AuditedTables.All(db))
        {
            var table = new HashSet<long>();
            var after = long.MinValue;
            List<long> page;
            while ((page = await AuditedTables.IdsAfterAsync(db, entityType, after, 1000, CancellationToken.None)).Count > 0)
            {
                table.UnionWith(page);
                after = page[^1];
            }

            ids[entityType.GetTableName()!] = table;
        }

        return ids;
    });

    /// <summary>The rows in <paramref name="after"/> that are not in <paramref name="before"/>, as "Table id" sorted.</summary>
    public static List<string> Inserted(Dictionary<string, HashSet<long>> before, Dictionary<string, HashSet<long>> after) =>
        after.SelectMany(t => t.Value.Except(before.GetValueOrDefault(t.Key) ?? []).Select(id => $"{t.Key} {id}"))
            .Order(StringComparer.Ordinal)
            .ToList();
}
