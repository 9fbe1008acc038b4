using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.Donors;
using GaLaAid.Api.Labels;
using GaLaAid.Api.Recipients;
using Microsoft.Data.Sqlite;

namespace GaLaAid.Benchmarks.Data;

/// <summary>
/// Writes the generated rows table by table, in the order the service would have: every entry next
/// to the row that caused it, every cached balance equal to the sum of its entries when done.
/// </summary>
internal sealed class LedgerWriter
{
    private static readonly DateTime Start = new(2016, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly int Days = (int)(new DateTime(2026, 10, 31, 0, 0, 0, DateTimeKind.Utc) - Start).TotalDays;
    private static readonly DateTime Latest = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);

    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly Random random;
    private readonly IReadOnlyList<Category> categories;
    private readonly HashSet<string> labelCodes = new(StringComparer.Ordinal);
    private readonly TableWriter users, apiKeys, recipients, donors, funds, inKindDonations, donationLines, stockItems, stockEntries,
        handovers, cashDonations, fundEntries, disbursements;

    private readonly List<string> volunteerNames = [];
    private int donorCount;
    private int lineId, itemId, handoverId, disbursementId;
    private long stockEntryId, fundEntryId;

    public LedgerWriter(SqliteConnection connection, SqliteTransaction transaction, Random random, IReadOnlyList<Category> categories)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.random = random;
        this.categories = categories;
        TableWriter Table(string name, params string[] columns) => new(connection, transaction, name, columns);
        users = Table("Users", "Id", "UserName", "DisplayName", "Role", "PinHash", "CreatedBy", "CreatedAt");
        apiKeys = Table("ApiKeys", "Id", "UserId", "Name", "Prefix", "Hash", "ExpiresAt", "RevokedAt", "RevokedBy", "CreatedBy", "CreatedAt");
        recipients = Table("Recipients", "Id", "Kind", "Name", "ParentId", "UnitNumber", "HeadOfHousehold", "MemberCount", "IsRegisteredPoor",
            "IdNumber", "Phone", "Note", "RecordedBy", "RecordedAt");
        donors = Table("Donors", "Id", "Name", "Kind", "Contact", "Note", "RecordedBy", "RecordedAt");
        funds = Table("Funds", "Id", "Name", "Purpose", "BalanceFen", "RecordedBy", "RecordedAt");
        inKindDonations = Table("InKindDonations", "Id", "DonorId", "ReceivedOn", "PledgeId", "Note", "RecordedBy", "RecordedAt");
        donationLines = Table("DonationLines", "Id", "DonationId", "LineNumber", "CategoryId", "Description", "Quantity", "Unit",
            "EstimatedUnitValueFen", "Condition", "Tracking", "PlannedRecipientId");
        stockItems = Table("StockItems", "Id", "DonationLineId", "Tracking", "LabelCode", "ReceivedQuantity", "QuantityOnHand");
        stockEntries = Table("StockEntries", "Id", "StockItemId", "Kind", "Quantity", "HandoverId", "ReversesEntryId", "Reason", "RecordedBy", "RecordedAt");
        handovers = Table("Handovers", "Id", "RecipientId", "HandedOverBy", "ReceivedBy", "HandedOverAt", "Location", "Note", "RecordedBy", "RecordedAt",
            "IdempotencyKey", "RequestFingerprint");
        cashDonations = Table("CashDonations", "Id", "DonorId", "FundId", "AmountFen", "ReceivedOn", "PledgeId", "Note", "RecordedBy", "RecordedAt");
        fundEntries = Table("FundEntries", "Id", "FundId", "Kind", "AmountFen", "CashDonationId", "DisbursementId", "ReversesEntryId", "Reason",
            "RecordedBy", "RecordedAt");
        disbursements = Table("Disbursements", "Id", "FundId", "RecipientId", "AmountFen", "Purpose", "PaidOn", "ReceivedBy", "RecordedBy", "RecordedAt");
    }

    private const string Staff = "staff";

    public IEnumerable<(string Table, long Rows)> RowCounts =>
        new[] { users, apiKeys, recipients, donors, funds, inKindDonations, donationLines, stockItems, stockEntries, handovers, cashDonations, fundEntries, disbursements }
            .Select(t => (t.Table, t.Rows));

    /// <summary>admin, staff, auditor and the volunteers, each with one API key.</summary>
    public List<AccountKey> Accounts(int volunteers)
    {
        var created = new DateTime(2015, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        var accounts = new List<(string Name, string Display, Role Role)>
        {
            ("admin", "Administrator", Role.Admin),
            (Staff, "Office staff", Role.Staff),
            ("auditor", "Auditor", Role.Auditor),
        };
        for (var i = 1; i <= volunteers; i++)
        {
            var name = $"volunteer-{i:00}";
            volunteerNames.Add(name);
            accounts.Add((name, $"Volunteer {i}", Role.Volunteer));
        }

        var keys = new List<AccountKey>();
        for (var id = 1; id <= accounts.Count; id++)
        {
            var (name, display, role) = accounts[id - 1];
            var key = Secrets.NewApiKey();
            users.Insert(id, name, display, role, null, DataGenerator.Actor, created);
            apiKeys.Insert(id, id, "benchmarks", Secrets.DisplayPrefix(key), Secrets.HashApiKey(key), null, null, null, DataGenerator.Actor, created);
            keys.Add(new AccountKey(name, role.ToString(), key));
        }

        return keys;
    }

    /// <summary>Per village a committee, its social units and their households; returns the households.</summary>
    public List<Household> Recipients(ScaleProfile scale)
    {
        var households = new List<Household>();
        var id = 0;
        var registered = new DateTime(2015, 12, 15, 9, 0, 0, DateTimeKind.Utc);
        for (var v = 0; v < scale.Villages; v++)
        {
            var village = Names.Village(v);
            var committee = ++id;
            recipients.Insert(committee, RecipientKind.VillageCommittee, village + "村委会", null, null, null, null, false, null, null, null, Staff, registered);
            for (var u = 1; u <= scale.UnitsPerVillage; u++)
            {
                var unit = ++id;
                var unitName = village + Names.UnitNumerals[(u - 1) % Names.UnitNumerals.Length] + "社";
                recipients.Insert(unit, RecipientKind.SocialUnit, unitName, committee, u, null, null, false, null, null, null, Staff, registered);
                for (var h = 0; h < scale.HouseholdsPerUnit; h++)
                {
                    var household = ++id;
                    var head = Names.TibetanName(random);
                    recipients.Insert(household, RecipientKind.Household, head + "户", unit, null, head, random.Next(1, 9), random.NextDouble() < 0.6,
                        null, null, null, Staff, registered);
                    households.Add(new Household(household, head, unitName));
                }
            }
        }

        return households;
    }

    public void Donors(int count)
    {
        var recorded = new DateTime(2015, 12, 20, 9, 0, 0, DateTimeKind.Utc);
        for (var id = 1; id <= count; id++)
        {
            var (name, kind) = (id % 5) switch
            {
                0 => ("州" + random.Pick(Names.Offices), DonorKind.GovernmentOffice),
                1 => ("州" + random.Pick(Names.Offices) + "党支部", DonorKind.PartyBranch),
                2 => (random.Pick(Names.PlaceSyllables) + random.Pick(Names.CompanyWords) + "有限公司", DonorKind.Company),
                3 => (random.Pick(Names.PlaceSyllables) + "爱心协会", DonorKind.Organisation),
                _ => (Names.HanName(random), DonorKind.Person),
            };
            donors.Insert(id, name, kind, null, null, Staff, recorded);
        }

        donorCount = count;
    }

    /// <summary>In-kind donations with their lines, items and Received entries; about the handed-over share of them given to households.</summary>
    public void Goods(ScaleProfile scale, List<Household> households)
    {
        for (var donation = 1; donation <= scale.InKindDonations; donation++)
        {
            var receivedOn = Start.AddDays(random.Next(Days));
            var recordedAt = receivedOn.AddHours(9 + random.Next(8)).AddMinutes(random.Next(60));
            inKindDonations.Insert(donation, 1 + random.Next(donorCount), DateOnly.FromDateTime(receivedOn), null, null, Staff, recordedAt);
            var lines = random.Next(1, 2 * scale.AverageLinesPerDonation);
            var toHandOver = new List<int>();
            for (var line = 1; line <= lines; line++)
            {
                var category = categories[random.Next(categories.Count)];
                var lot = random.NextDouble() < scale.LotShare;
                var quantity = lot ? random.Next(20, 201) : random.Next(1, 2 * scale.AverageUnitsPerLine);
                lineId++;
                donationLines.Insert(lineId, donation, line, category.Id, category.Name, quantity, category.Unit, (long)random.Next(10, 3000) * 100,
                    random.Pick(Names.Conditions), lot ? TrackingMode.Lot : TrackingMode.PerUnit, null);
                if (lot)
                {
                    Lot(quantity, recordedAt, households);
                    continue;
                }

                for (var unit = 0; unit < quantity; unit++)
                {
                    var handedOver = random.NextDouble() < scale.HandedOverShare;
                    var item = NewItem(TrackingMode.PerUnit, 1, handedOver ? 0 : 1, recordedAt);
                    if (handedOver)
                    {
                        toHandOver.Add(item);
                    }
                }
            }

            // Per-unit items go out in handovers of a few items to one household each.
            for (var next = 0; next < toHandOver.Count;)
            {
                var size = Math.Min(random.Next(1, 2 * scale.AverageItemsPerHandover), toHandOver.Count - next);
                var handover = NewHandover(households, recordedAt);
                for (var i = 0; i < size; i++)
                {
                    stockEntries.Insert(++stockEntryId, toHandOver[next + i], LedgerEntryKind.Distributed, -1, handover.Id, null, null, handover.By, handover.At);
                }

                next += size;
            }
        }
    }

    /// <summary>Cash donations into three funds and disbursements out of them, in time order, never overdrawing a fund.</summary>
    public void Cash(ScaleProfile scale, List<Household> households)
    {
        var opened = new DateTime(2015, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        string[] names = ["帮扶资金", "慰问金", "助学金"];
        string[] purposes = ["精准扶贫的一般帮扶支出：生产发展、劳动技能培训、村社公益。", "走访慰问贫困户时发放的慰问金。", "资助家庭困难的学生。"];
        var balances = new long[names.Length];
        var events = Enumerable.Range(0, scale.CashDonations).Select(_ => (At: RandomMoment(), Donation: true))
            .Concat(Enumerable.Range(0, scale.Disbursements).Select(_ => (At: RandomMoment(), Donation: false)))
            .OrderBy(e => e.At)
            .ToList();
        for (var i = 0; i < names.Length; i++)
        {
            funds.Insert(i + 1, names[i], purposes[i], 0L, Staff, opened);
        }

        var donationId = 0;
        foreach (var (at, isDonation) in events)
        {
            var fund = random.Next(names.Length);
            if (isDonation)
            {
                var amount = (long)random.Next(1, 200) * 10_000;
                donationId++;
                cashDonations.Insert(donationId, 1 + random.Next(donorCount), fund + 1, amount, DateOnly.FromDateTime(at), null, null, Staff, at.AddHours(2));
                balances[fund] += amount;
                fundEntries.Insert(++fundEntryId, fund + 1, LedgerEntryKind.Received, amount, donationId, null, null, null, Staff, at.AddHours(2));
            }
            else
            {
                var wanted = (long)random.Next(1, 60) * 10_000;
                var amount = Math.Min(wanted, balances[fund]);
                if (amount <= 0)
                {
                    continue;
                }

                var household = households[random.Next(households.Count)];
                disbursementId++;
                disbursements.Insert(disbursementId, fund + 1, household.Id, amount, random.Pick(Names.DisbursementPurposes), DateOnly.FromDateTime(at),
                    household.Head, Staff, at.AddHours(2));
                balances[fund] -= amount;
                fundEntries.Insert(++fundEntryId, fund + 1, LedgerEntryKind.Disbursed, -amount, null, disbursementId, null, null, Staff, at.AddHours(2));
            }
        }

        // Entries point at their fund, so the funds were inserted first; their cached balances are known only now.
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE \"Funds\" SET \"BalanceFen\" = $balance WHERE \"Id\" = $id";
        var balance = update.Parameters.Add(new SqliteParameter("$balance", 0L));
        var id = update.Parameters.Add(new SqliteParameter("$id", 0));
        for (var i = 0; i < names.Length; i++)
        {
            balance.Value = balances[i];
            id.Value = i + 1;
            update.ExecuteNonQuery();
        }
    }

    private void Lot(int quantity, DateTime receivedAt, List<Household> households)
    {
        var onHand = quantity;
        var parts = new List<(int Quantity, Handover Handover)>();
        var shares = random.Next(0, 4);
        for (var i = 0; i < shares && onHand > 1; i++)
        {
            var part = random.Next(1, onHand / 2 + 1);
            parts.Add((part, NewHandover(households, receivedAt)));
            onHand -= part;
        }

        var item = NewItem(TrackingMode.Lot, quantity, onHand, receivedAt);
        foreach (var (part, handover) in parts)
        {
            stockEntries.Insert(++stockEntryId, item, LedgerEntryKind.Distributed, -part, handover.Id, null, null, handover.By, handover.At);
        }
    }

    /// <summary>An item with its Received entry; onHand is what it will hold after the Distributed entries written for it.</summary>
    private int NewItem(TrackingMode tracking, int quantity, int onHand, DateTime receivedAt)
    {
        string code;
        do
        {
            code = LabelCode.NewCode();
        }
        while (!labelCodes.Add(code));

        stockItems.Insert(++itemId, lineId, tracking, code, quantity, onHand);
        stockEntries.Insert(++stockEntryId, itemId, LedgerEntryKind.Received, quantity, null, null, null, Staff, receivedAt);
        return itemId;
    }

    private Handover NewHandover(List<Household> households, DateTime receivedAt)
    {
        var household = households[random.Next(households.Count)];
        var at = receivedAt.Date.AddDays(random.Next(1, 60)).AddHours(9 + random.Next(8));
        if (at > Latest)
        {
            at = Latest;
        }

        var volunteer = volunteerNames.Count > 0 ? volunteerNames[random.Next(volunteerNames.Count)] : Staff;
        var recordedAt = at.AddMinutes(random.Next(1, 30));
        handovers.Insert(++handoverId, household.Id, volunteer, household.Head, at, household.UnitName, null, volunteer, recordedAt, null, null);
        return new Handover(handoverId, volunteer, recordedAt);
    }

    private DateTime RandomMoment() => Start.AddDays(random.Next(Days)).AddHours(8 + random.Next(10)).AddMinutes(random.Next(60));

    private sealed record Handover(int Id, string By, DateTime At);
}
