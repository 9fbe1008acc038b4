using System.Globalization;
using System.Text.Json.Nodes;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Audit;
using Microsoft.Data.Sqlite;
using static GaLaAid.Api.Tests.Audit.AuditReading;

namespace GaLaAid.Api.Tests.Audit;

/// <summary>
/// Someone with the database file changes, deletes or inserts rows past the API, here with a second
/// SQLite connection while the service runs; verification names the first thing that was touched.
/// Each test tampers with a ledger of its own.
/// </summary>
public sealed class TamperingTests
{
    private sealed record Ledger(
        GraphQLClient Auditor,
        string FundId,
        long FundRowId,
        long LotRowId,
        long HandoverSequence,
        long HandoverStockEntryId,
        long DisbursementSequence,
        long DisbursementFundEntryId,
        long HeadSequence);

    /// <summary>A small ledger (cash in, goods in, a handover, a payment) whose trail verifies.</summary>
    private static async Task<Ledger> LedgerAsync(GaLaAidApp app)
    {
        var auditor = await app.GraphQLAsAsync(Role.Auditor);
        var scenario = new LedgerScenario(app);
        var village = await scenario.VillageAsync();
        var fund = await scenario.FundAsync(10_000);
        var lot = await scenario.LotAsync(10);
        var handover = (await scenario.HandOverAsync(village.Household, LedgerScenario.Take(lot, 3))).Ok();
        (await scenario.Client.MutateAsync("recordDisbursement", "disbursement", "{ id }", new
        {
            fundId = fund, recipientId = village.Household, amountFen = 1_000, purpose = "慰问金", paidOn = LedgerScenario.Today(),
        })).Ok();
        await scenario.DonorAsync("后来的捐赠人");

        var handoverEntry = Assert.Single(await EntriesAsync(auditor, "operation: \"recordHandover\""))!;
        var disbursementEntry = Assert.Single(await EntriesAsync(auditor, "operation: \"recordDisbursement\""))!;
        var verification = await VerifyAsync(auditor);
        Assert.True((bool)verification["ok"]!, verification.ToJsonString());
        return new Ledger(
            auditor,
            fund,
            LedgerScenario.RowId(fund, "Fund"),
            LedgerScenario.RowId(lot.Id, "Item"),
            (long)handoverEntry["sequence"]!,
            LedgerScenario.RowId((string?)handover["entries"]![0]!["id"], "StockEntry"),
            (long)disbursementEntry["sequence"]!,
            (long)Assert.Single(disbursementEntry["writes"]!["nodes"]!.AsArray(), w => (string?)w!["table"] == "FundEntries")!["rowId"]!,
            (long)verification["headSequence"]!);
    }

    /// <summary>Runs SQL on the database file directly, past the service, and returns what the last statement returned.</summary>
    private static async Task<object?> TamperAsync(GaLaAidApp app, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }

    private static async Task<AuditEntry> StoredEntryAsync(GaLaAidApp app, long sequence)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT RecordedAt, Actor, Operation, Input, Writes, PreviousHash, Hash FROM AuditEntries WHERE Sequence = $sequence";
        command.Parameters.AddWithValue("$sequence", sequence);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new AuditEntry
        {
            Sequence = sequence,
            RecordedAt = DateTime.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            Actor = reader.GetString(1),
            Operation = reader.GetString(2),
            Input = reader.GetString(3),
            Writes = reader.GetString(4),
            PreviousHash = reader.GetString(5),
            Hash = reader.GetString(6),
        };
    }

    private static async Task InsertEntryAsync(GaLaAidApp app, AuditEntry entry) => await TamperAsync(
        app,
        "INSERT INTO AuditEntries (Sequence, RecordedAt, Actor, Operation, Input, Writes, PreviousHash, Hash) VALUES ($s, $t, $a, $o, $i, $w, $p, $h)",
        ("$s", entry.Sequence),
        ("$t", entry.RecordedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        ("$a", entry.Actor),
        ("$o", entry.Operation),
        ("$i", entry.Input),
        ("$w", entry.Writes),
        ("$p", entry.PreviousHash),
        ("$h", entry.Hash));

    [Fact]
    public async Task Changing_a_stock_entry_quantity_is_found_as_that_row_changed_since_its_entry()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);

        await TamperAsync(app, "UPDATE StockEntries SET Quantity = -1 WHERE Id = $id", ("$id", ledger.HandoverStockEntryId));

        await ProblemAsync(ledger.Auditor, "ROW_CHANGED", ledger.HandoverSequence, "StockEntries", ledger.HandoverStockEntryId);
    }

    [Fact]
    public async Task Changing_a_paid_amount_is_found_as_that_fund_entry_changed_since_its_entry()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);

        await TamperAsync(app, "UPDATE FundEntries SET AmountFen = -100 WHERE Id = $id", ("$id", ledger.DisbursementFundEntryId));

        await ProblemAsync(ledger.Auditor, "ROW_CHANGED", ledger.DisbursementSequence, "FundEntries", ledger.DisbursementFundEntryId);
    }

    [Fact]
    public async Task Changing_a_reissued_label_code_is_found_against_the_reissue_that_set_it()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);
        var scenario = new LedgerScenario(app);
        var reissued = (await scenario.Client.MutateAsync("voidAndReissueLabel", "item", "{ labelCode }", new
        {
            itemId = GaLaAid.Api.GraphQL.GlobalId.Encode("Item", (int)ledger.LotRowId), reason = "标签破损",
        })).Ok();
        var reissueEntry = Assert.Single(await EntriesAsync(ledger.Auditor, "operation: \"voidAndReissueLabel\""))!;
        Assert.True(reissueEntry["writes"]!["nodes"]!.AsArray().Any(w => (string?)w!["table"] == "StockItems" && (string?)w["change"] == "UPDATED" && (long)w["rowId"]! == ledger.LotRowId), reissueEntry.ToJsonString());
        var verification = await VerifyAsync(ledger.Auditor);
        Assert.True((bool)verification["ok"]!, verification.ToJsonString());

        await TamperAsync(app, "UPDATE StockItems SET LabelCode = 'GL-0000-0000' WHERE Id = $id AND LabelCode = $code", ("$id", ledger.LotRowId), ("$code", (string)reissued["labelCode"]!));

        await ProblemAsync(ledger.Auditor, "ROW_CHANGED", (long)reissueEntry["sequence"]!, "StockItems", ledger.LotRowId);
    }

    [Fact]
    public async Task Deleting_a_ledger_row_is_found_as_that_row_missing()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);

        await TamperAsync(app, "DELETE FROM StockEntries WHERE Id = $id", ("$id", ledger.HandoverStockEntryId));

        await ProblemAsync(ledger.Auditor, "ROW_MISSING", ledger.HandoverSequence, "StockEntries", ledger.HandoverStockEntryId);
    }

    [Fact]
    public async Task Inserting_a_ledger_row_is_found_as_a_row_no_entry_recorded()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);

        var id = (long)(await TamperAsync(
            app,
            "INSERT INTO StockEntries (StockItemId, Kind, Quantity, RecordedBy, RecordedAt) VALUES ($item, 'Distributed', -1, 'staff-user', '2026-01-01 00:00:00'); SELECT last_insert_rowid();",
            ("$item", ledger.LotRowId)))!;

        await ProblemAsync(ledger.Auditor, "ROW_UNRECORDED", null, "StockEntries", id);
    }

    [Fact]
    public async Task Changing_an_entry_input_is_found_as_that_entry_hash_mismatch()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);

        await TamperAsync(app, "UPDATE AuditEntries SET Input = replace(Input, '马文德', '某某') WHERE Sequence = $s", ("$s", ledger.HandoverSequence));

        await ProblemAsync(ledger.Auditor, "HASH_MISMATCH", ledger.HandoverSequence);
    }

    [Fact]
    public async Task Changing_an_entry_and_its_own_hash_breaks_the_link_from_the_next_entry()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);
        var stored = await StoredEntryAsync(app, ledger.HandoverSequence);
        var input = stored.Input.Replace("马文德", "某某", StringComparison.Ordinal);
        var hash = AuditHash.Entry(stored.Sequence, stored.RecordedAt, stored.Actor, stored.Operation, input, stored.Writes, stored.PreviousHash);

        await TamperAsync(app, "UPDATE AuditEntries SET Input = $i, Hash = $h WHERE Sequence = $s", ("$i", input), ("$h", hash), ("$s", stored.Sequence));

        await ProblemAsync(ledger.Auditor, "CHAIN_BROKEN", ledger.HandoverSequence + 1);
    }

    [Fact]
    public async Task Replacing_an_entry_rows_with_unreadable_text_and_rehashing_it_is_found_as_a_malformed_entry()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);
        var stored = await StoredEntryAsync(app, ledger.HandoverSequence);
        var hash = AuditHash.Entry(stored.Sequence, stored.RecordedAt, stored.Actor, stored.Operation, stored.Input, "nothing here", stored.PreviousHash);

        await TamperAsync(app, "UPDATE AuditEntries SET Writes = 'nothing here', Hash = $h WHERE Sequence = $s", ("$h", hash), ("$s", stored.Sequence));

        await ProblemAsync(ledger.Auditor, "MALFORMED_ENTRY", ledger.HandoverSequence);
    }

    [Fact]
    public async Task Deleting_an_entry_is_found_as_a_gap_before_the_next_entry()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);

        await TamperAsync(app, "DELETE FROM AuditEntries WHERE Sequence = $s", ("$s", ledger.HandoverSequence));

        await ProblemAsync(ledger.Auditor, "SEQUENCE_GAP", ledger.HandoverSequence + 1);
    }

    [Fact]
    public async Task A_forged_entry_with_a_made_up_hash_is_found_as_a_hash_mismatch()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);
        var head = await StoredEntryAsync(app, ledger.HeadSequence);

        await InsertEntryAsync(app, new AuditEntry
        {
            Sequence = head.Sequence + 1,
            RecordedAt = head.RecordedAt.AddMinutes(1),
            Actor = "staff-user",
            Operation = "createDonor",
            Input = """{"name":"伪造"}""",
            Writes = "[]",
            PreviousHash = head.Hash,
            Hash = new string('f', 64),
        });

        await ProblemAsync(ledger.Auditor, "HASH_MISMATCH", head.Sequence + 1);
    }

    [Fact]
    public async Task A_forged_entry_hashed_correctly_but_linked_to_nothing_is_found_as_a_broken_chain()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);
        var head = await StoredEntryAsync(app, ledger.HeadSequence);
        var sequence = head.Sequence + 1;
        var recordedAt = AuditHash.ToMicroseconds(head.RecordedAt.AddMinutes(1));
        var previous = new string('a', 64);

        await InsertEntryAsync(app, new AuditEntry
        {
            Sequence = sequence,
            RecordedAt = recordedAt,
            Actor = "staff-user",
            Operation = "createDonor",
            Input = """{"name":"伪造"}""",
            Writes = "[]",
            PreviousHash = previous,
            Hash = AuditHash.Entry(sequence, recordedAt, "staff-user", "createDonor", """{"name":"伪造"}""", "[]", previous),
        });

        await ProblemAsync(ledger.Auditor, "CHAIN_BROKEN", sequence);
    }

    [Fact]
    public async Task A_forged_entry_chained_correctly_that_claims_a_row_which_does_not_exist_is_found_as_that_row_missing()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);
        var head = await StoredEntryAsync(app, ledger.HeadSequence);
        var sequence = head.Sequence + 1;
        var recordedAt = AuditHash.ToMicroseconds(head.RecordedAt.AddMinutes(1));
        var writes = AuditWrite.ToJson([new AuditWrite("Donors", 9_999, AuditChange.Inserted, new string('b', 64))]);

        await InsertEntryAsync(app, new AuditEntry
        {
            Sequence = sequence,
            RecordedAt = recordedAt,
            Actor = "staff-user",
            Operation = "createDonor",
            Input = "{}",
            Writes = writes,
            PreviousHash = head.Hash,
            Hash = AuditHash.Entry(sequence, recordedAt, "staff-user", "createDonor", "{}", writes, head.Hash),
        });

        await ProblemAsync(ledger.Auditor, "ROW_MISSING", sequence, "Donors", 9_999);
    }

    [Fact]
    public async Task Changing_a_fund_cached_balance_is_found_as_a_cached_balance_mismatch()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);

        await TamperAsync(app, "UPDATE Funds SET BalanceFen = BalanceFen + 100000 WHERE Id = $id", ("$id", ledger.FundRowId));

        await ProblemAsync(ledger.Auditor, "CACHED_BALANCE_MISMATCH", null, "Funds", ledger.FundRowId);
    }

    [Fact]
    public async Task Changing_an_item_quantity_on_hand_is_found_as_a_cached_balance_mismatch()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);

        await TamperAsync(app, "UPDATE StockItems SET QuantityOnHand = 10 WHERE Id = $id", ("$id", ledger.LotRowId));

        await ProblemAsync(ledger.Auditor, "CACHED_BALANCE_MISMATCH", null, "StockItems", ledger.LotRowId);
    }

    [Fact]
    public async Task Changing_an_updated_row_is_found_against_the_entry_that_last_wrote_it()
    {
        await using var app = new GaLaAidApp();
        var admin = app.GraphQL();
        var user = (await admin.MutateAsync("createUser", "user", "{ id }", new { userName = "zhuoma.v", displayName = "卓玛", role = "VOLUNTEER", pin = "864209" })).Ok();
        (await admin.MutateAsync("setUserPin", "user", "{ id }", new { userId = (string)user["id"]!, pin = "975310" })).Ok();
        var auditor = await app.GraphQLAsAsync(Role.Auditor);
        var setPin = (long)Assert.Single(await EntriesAsync(auditor, "operation: \"setUserPin\""))!["sequence"]!;
        Assert.True((bool)(await VerifyAsync(auditor))["ok"]!);
        var userId = LedgerScenario.RowId((string?)user["id"], "User");

        await TamperAsync(app, "UPDATE Users SET PinHash = (SELECT PinHash FROM Users WHERE UserName = 'auditor-user') WHERE Id = $id", ("$id", userId));

        await ProblemAsync(auditor, "ROW_CHANGED", setPin, "Users", userId);
    }

    [Fact]
    public async Task The_first_problem_is_the_earliest_entry_at_fault()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);

        await TamperAsync(app, "UPDATE FundEntries SET AmountFen = -100 WHERE Id = $id", ("$id", ledger.DisbursementFundEntryId));
        await TamperAsync(app, "UPDATE StockEntries SET Quantity = -1 WHERE Id = $id", ("$id", ledger.HandoverStockEntryId));
        await TamperAsync(app, "UPDATE AuditEntries SET Actor = 'someone' WHERE Sequence = $s", ("$s", ledger.HeadSequence));

        Assert.True(ledger.HandoverSequence < ledger.DisbursementSequence);
        await ProblemAsync(ledger.Auditor, "ROW_CHANGED", ledger.HandoverSequence, "StockEntries", ledger.HandoverStockEntryId);
    }

    [Fact]
    public async Task A_trail_rewritten_with_every_hash_recomputed_is_found_only_against_a_noted_head()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);
        var notedHash = (string)(await VerifyAsync(ledger.Auditor))["headHash"]!;
        Assert.True((bool)(await VerifyAsync(ledger.Auditor, ledger.HeadSequence, notedHash))["ok"]!);

        var previousHash = (await StoredEntryAsync(app, ledger.HandoverSequence - 1)).Hash;
        for (var sequence = ledger.HandoverSequence; sequence <= ledger.HeadSequence; sequence++)
        {
            var stored = await StoredEntryAsync(app, sequence);
            var input = stored.Input.Replace("马文德", "某某", StringComparison.Ordinal);
            var hash = AuditHash.Entry(sequence, stored.RecordedAt, stored.Actor, stored.Operation, input, stored.Writes, previousHash);
            await TamperAsync(app, "UPDATE AuditEntries SET Input = $i, PreviousHash = $p, Hash = $h WHERE Sequence = $s", ("$i", input), ("$p", previousHash), ("$h", hash), ("$s", sequence));
            previousHash = hash;
        }

        // A chain rewritten consistently is a valid chain: only a head kept outside the database tells.
        Assert.True((bool)(await VerifyAsync(ledger.Auditor))["ok"]!);
        var problem = (await VerifyAsync(ledger.Auditor, ledger.HeadSequence, notedHash))["firstProblem"]!;
        Assert.Equal("NOTED_HEAD_MISSING", (string?)problem["kind"]);
        Assert.Equal(ledger.HeadSequence, (long?)problem["sequence"]);
    }

    [Fact]
    public async Task Cutting_off_the_last_entry_and_its_rows_is_found_against_a_noted_head()
    {
        await using var app = new GaLaAidApp();
        var ledger = await LedgerAsync(app);
        var notedHash = (string)(await VerifyAsync(ledger.Auditor))["headHash"]!;
        var write = Assert.Single(AuditWrite.FromJson((await StoredEntryAsync(app, ledger.HeadSequence)).Writes)!);
        Assert.Equal("Donors", write.Table);

        await TamperAsync(app, "DELETE FROM Donors WHERE Id = $id; DELETE FROM AuditEntries WHERE Sequence = $s", ("$id", write.Id), ("$s", ledger.HeadSequence));

        Assert.True((bool)(await VerifyAsync(ledger.Auditor))["ok"]!);
        var problem = (await VerifyAsync(ledger.Auditor, ledger.HeadSequence, notedHash))["firstProblem"]!;
        Assert.Equal("NOTED_HEAD_MISSING", (string?)problem["kind"]);
        Assert.Equal(ledger.HeadSequence, (long?)problem["sequence"]);
    }
}
