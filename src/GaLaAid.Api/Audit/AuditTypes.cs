using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Audit;

/// <summary>One written row as a page of an entry's writes shows it, with its place in the entry.</summary>
public sealed record AuditWriteNode(int Ordinal, AuditWrite Write);

public sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Description = "One write as the tamper-evident audit trail records it, chained to the entry before it by SHA-256.";
        Field(e => e.Sequence).Description("Position in the trail: 1, 2, 3 … without gaps.");
        Field(e => e.RecordedAt).Description("When the write committed (UTC, to the microsecond).");
        Field(e => e.Actor).Description("Who wrote: the signed-in user's name, or 'system' and 'demo-seed' for the service's own writes.");
        Field(e => e.Operation).Description("What ran: the mutation's name (e.g. recordInKindDonation), or bootstrapAdmin, migrate, seed:demo/<mutation>.");
        Field(e => e.Input).Description("The operation's input as JSON, with identity-document and phone numbers cut to their last four characters and secrets (PINs, keys) left out.");
        Field<NonNullGraphType<ConnectionGraphType<AuditWriteType>>>("writes")
            .Description("The rows the operation inserted or updated, by table and id, with the hash of what each held then.")
            .PagingArguments()
            .Resolve(ctx =>
            {
                var writes = (AuditWrite.FromJson(ctx.Source.Writes) ?? []).Select((w, i) => new AuditWriteNode(i, w)).ToList();
                return Paging.Page(writes, w => w.Ordinal, PageRequest.From(ctx));
            });
        Field(e => e.PreviousHash).Description("The hash of the entry before this one (64 zeros for the first).");
        Field(e => e.Hash).Description("SHA-256 (hex) over this entry's sequence, time, actor, operation, input, writes and previous hash.");
    }
}

public sealed class AuditWriteType : ObjectGraphType<AuditWriteNode>
{
    public AuditWriteType()
    {
        Name = "AuditWrite";
        Description = "A row an audited operation wrote.";
        Field<NonNullGraphType<StringGraphType>>("table").Description("The database table, e.g. StockEntries.").Resolve(ctx => ctx.Source.Write.Table);
        Field<NonNullGraphType<LongGraphType>>("rowId").Description("The row's id in that table.").Resolve(ctx => ctx.Source.Write.Id);
        Field<NonNullGraphType<AuditChangeKindType>>("change").Description("Whether the operation inserted the row or updated it.")
            .Resolve(ctx => ctx.Source.Write.Change == AuditChange.Updated ? AuditChangeKind.Updated : AuditChangeKind.Inserted);
        Field<NonNullGraphType<StringGraphType>>("rowHash")
            .Description("SHA-256 (hex) of the row's columns as written, except cached balances (an item's quantity on hand, a fund's balance), which verification checks against their entries.")
            .Resolve(ctx => ctx.Source.Write.RowHash);
    }
}

public enum AuditChangeKind
{
    [System.ComponentModel.Description("The operation created the row.")]
    Inserted,

    [System.ComponentModel.Description("The operation changed the row (only accounts change: a PIN set, a key revoked).")]
    Updated,
}

public sealed class AuditChangeKindType : EnumerationGraphType<AuditChangeKind>
{
    public AuditChangeKindType()
    {
        Name = "AuditChangeKind";
        Description = "What an audited operation did to a row.";
    }
}

public sealed class AuditProblemKindType : EnumerationGraphType<AuditProblemKind>
{
    public AuditProblemKindType()
    {
        Name = "AuditProblemKind";
        Description = "What verification found wrong with the audit trail or the ledger.";
    }
}

public sealed class AuditProblemType : ObjectGraphType<AuditProblem>
{
    public AuditProblemType()
    {
        Name = "AuditProblem";
        Description = "The first thing verification found wrong.";
        Field<NonNullGraphType<AuditProblemKindType>>("kind").Description("What is wrong.").Resolve(ctx => ctx.Source.Kind);
        Field(p => p.Sequence, nullable: true).Description("The entry at fault, or the entry that last recorded the row at fault; null for a row no entry recorded and for a cached balance.");
        Field(p => p.Table, nullable: true).Description("The table of the row at fault, when a row is.");
        Field(p => p.RowId, nullable: true).Description("The id of the row at fault, when a row is.");
        Field(p => p.Message).Description("What is wrong, in words.");
    }
}

public sealed class AuditVerificationType : ObjectGraphType<AuditVerification>
{
    public AuditVerificationType()
    {
        Name = "AuditVerification";
        Description = "The outcome of checking the whole audit trail and the ledger against it.";
        Field<NonNullGraphType<BooleanGraphType>>("ok").Description("True when nothing is wrong.").Resolve(ctx => ctx.Source.Ok);
        Field(v => v.EntriesChecked).Description("How many entries were checked.");
        Field(v => v.RowsChecked).Description("How many recorded rows were compared with the database.");
        Field(v => v.HeadSequence, nullable: true).Description("The sequence of the last entry; null when the trail is empty.");
        Field(v => v.HeadHash, nullable: true)
            .Description("The hash of the last entry. Note it down: a later verification whose trail no longer holds this hash at this sequence means history was rewritten.");
        Field<AuditProblemType>("firstProblem").Description("The first problem found (the lowest entry at fault first); null when ok.").Resolve(ctx => ctx.Source.FirstProblem);
    }
}

public static class AuditQueries
{
    /// <summary>Auditors and admins. Staff are left out: the trail also records account management, which they may not read.</summary>
    public static readonly Role[] Readers = [Role.Admin, Role.Auditor];

    public static void AddAuditQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<AuditEntryType>>>("auditTrail")
            .AllowRoles(Readers)
            .Description("Every write, oldest first, as the tamper-evident audit trail records it.")
            .Argument<StringGraphType>("operation", "Only entries of this operation, e.g. recordHandover.")
            .Argument<StringGraphType>("actor", "Only entries written by this user.")
            .Argument<DateTimeGraphType>("from", "Only entries recorded at or after this moment.")
            .Argument<DateTimeGraphType>("to", "Only entries recorded before this moment.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<AuditEntryQuerySpec>())
            .ResolveAsync(async ctx =>
            {
                var entries = ctx.Service<AppDbContext>().AuditEntries.AsQueryable();
                if (ctx.GetArgument<string?>("operation") is { } operation)
                {
                    entries = entries.Where(e => e.Operation == operation);
                }

                if (ctx.GetArgument<string?>("actor") is { } actor)
                {
                    entries = entries.Where(e => e.Actor == actor);
                }

                if (ctx.GetArgument<DateTime?>("from") is { } from)
                {
                    var fromUtc = from.ToUniversalTime();
                    entries = entries.Where(e => e.RecordedAt >= fromUtc);
                }

                if (ctx.GetArgument<DateTime?>("to") is { } to)
                {
                    var toUtc = to.ToUniversalTime();
                    entries = entries.Where(e => e.RecordedAt < toUtc);
                }

                return await ctx.PageAsync(entries, e => e.Sequence, QuerySpecs.Of<AuditEntryQuerySpec>());
            });

        query.Field<NonNullGraphType<AuditVerificationType>>("verifyAuditTrail")
            .AllowRoles(Readers)
            .Description("Checks the whole audit trail (sequence, links, hashes) and the ledger against it (every recorded row unchanged and present, no row unrecorded, cached balances equal to their entries). Reads everything, so it takes a while on a large ledger.")
            .Argument<LongGraphType>("notedSequence", "The headSequence of an earlier verification, noted outside the database; give notedHash with it.")
            .Argument<StringGraphType>("notedHash", "The headHash of that verification. The trail must still hold it at notedSequence, else NOTED_HEAD_MISSING: a trail rewritten with every hash recomputed, or cut short, passes every other check.")
            .ResolveAsync(async ctx =>
            {
                var sequence = ctx.GetArgument<long?>("notedSequence");
                var hash = ctx.GetArgument<string?>("notedHash");
                if (sequence is null != hash is null)
                {
                    throw new ExecutionError("Give both notedSequence and notedHash, or neither.") { Code = ErrorCodes.ValidationFailed };
                }

                var noted = sequence is { } s && hash is { } h ? new NotedHead(s, h) : null;
                return await AuditVerifier.VerifyAsync(ctx.Service<AppDbContext>(), noted, ctx.CancellationToken);
            });
    }
}
