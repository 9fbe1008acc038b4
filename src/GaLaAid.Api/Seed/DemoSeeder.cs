using GaLaAid.Api.Data;
using GaLaAid.Api.Disbursements;
using GaLaAid.Api.Donations;
using GaLaAid.Api.Donors;
using GaLaAid.Api.Funds;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Handovers;
using GaLaAid.Api.Pledges;
using GaLaAid.Api.Recipients;
using Microsoft.EntityFrameworkCore;
using Serilog;

namespace GaLaAid.Api.Seed;

/// <summary>
/// <c>--seed demo</c>: fills the database with the Gala village case (<see cref="GalaVillage"/>).
/// Every write goes through the handler of the matching GraphQL mutation, so every rule applies and
/// every ledger entry is written as if a person had typed it, by the actor <see cref="ActorName"/>.
/// </summary>
/// <remarks>
/// Idempotency is checked per part, not by one marker: each thing is looked up by what identifies
/// it in the village (the committee by name, a unit by number, a household by unit and head, donors
/// and funds by name, a donation by donor and day, a payment by fund, household and day, the pledge
/// by donor and wording) and written only when missing, and goods are handed over only while still
/// on hand. Each handler commits on its own, so a run cut short leaves a partial demo; a marker
/// would then skip it forever, while per-part checks let the next run complete it.
/// </remarks>
public static class DemoSeeder
{
    public const string ActorName = "demo-seed";

    /// <summary>The audit trail's operation name of every seeding write, followed by the mutation it stands for.</summary>
    public const string Operation = "seed:demo";

    public static bool IsRequested(string[] args, IConfiguration configuration) =>
        args.SkipWhile(a => a != "--seed").Skip(1).FirstOrDefault() == "demo"
        || string.Equals(configuration["seed"], "demo", StringComparison.OrdinalIgnoreCase);

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actor = scope.ServiceProvider.GetRequiredService<CurrentActor>();
        actor.ActAs(ActorName);
        var log = Log.ForContext(typeof(DemoSeeder));

        // The ledger is append-only: invented households and money mixed into a real ledger could
        // only be reversed, never removed. So the demo goes only into a database that is empty or
        // already holds the demo.
        if (await HoldsOnlyRecordsOfOthersAsync(db, cancellationToken))
        {
            log.Warning("Demo seed skipped: the database holds records made by others and none of the demo's; the demo is seeded only into an empty database");
            return;
        }

        await new SeedRun(db, actor, log, cancellationToken).RunAsync();
    }

    private static async Task<bool> HoldsOnlyRecordsOfOthersAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        // Every other record hangs off a donor, a fund or a recipient.
        var othersRecorded =
            await db.Donors.AnyAsync(d => d.RecordedBy != ActorName, cancellationToken)
            || await db.Funds.AnyAsync(f => f.RecordedBy != ActorName, cancellationToken)
            || await db.Recipients.AnyAsync(r => r.RecordedBy != ActorName, cancellationToken);
        var demoRecorded = await db.Recipients.AnyAsync(r => r.RecordedBy == ActorName, cancellationToken);
        return othersRecorded && !demoRecorded;
    }

    private sealed class SeedRun(AppDbContext db, CurrentActor actor, Serilog.ILogger log, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, int> donorIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> fundIds = new(StringComparer.Ordinal);
        private readonly Dictionary<int, int> unitIdsByNumber = [];
        private readonly Dictionary<(int UnitNumber, string HeadOfHousehold), int> householdIds = [];
        private Dictionary<string, int> categoryIdsByCode = new(StringComparer.Ordinal);
        private int committeeId;

        public async Task RunAsync()
        {
            categoryIdsByCode = await db.Categories.ToDictionaryAsync(c => c.Code, c => c.Id, StringComparer.Ordinal, cancellationToken);
            await SeedRecipientsAsync();
            await SeedDonorsAsync();
            await SeedFundsAsync();
            await SeedCashGiftsAsync();
            await SeedOfficeGoodsAsync();
            await SeedPrefabBuildingAsync();
            await SeedCondolenceVisitAsync();
            await SeedSpringPloughingPledgeAsync();
        }

        private async Task SeedRecipientsAsync()
        {
            var existing = await db.Recipients.ToListAsync(cancellationToken);
            var created = 0;

            async Task<int> FindOrCreateAsync(Recipient? found, CreateRecipientInput input)
            {
                if (found is not null)
                {
                    return found.Id;
                }

                created++;
                return (await CreateRecipient.HandleAsync(db, actor, Named("createRecipient", input), cancellationToken)).Id;
            }

            committeeId = await FindOrCreateAsync(
                existing.FirstOrDefault(r => r.Kind == RecipientKind.VillageCommittee && r.Name == GalaVillage.CommitteeName),
                new CreateRecipientInput { Kind = RecipientKind.VillageCommittee, Name = GalaVillage.CommitteeName, Note = GalaVillage.CommitteeNote });
            foreach (var unit in GalaVillage.Units)
            {
                var unitId = await FindOrCreateAsync(
                    existing.FirstOrDefault(r => r.Kind == RecipientKind.SocialUnit && r.ParentId == committeeId && r.UnitNumber == unit.Number),
                    new CreateRecipientInput
                    {
                        Kind = RecipientKind.SocialUnit,
                        Name = unit.Name,
                        ParentId = RecipientId(committeeId),
                        UnitNumber = unit.Number,
                        Note = "社长：" + unit.Leader,
                    });
                unitIdsByNumber[unit.Number] = unitId;
                foreach (var household in unit.Households)
                {
                    householdIds[(unit.Number, household.HeadOfHousehold)] = await FindOrCreateAsync(
                        existing.FirstOrDefault(r => r.Kind == RecipientKind.Household && r.ParentId == unitId && r.HeadOfHousehold == household.HeadOfHousehold),
                        new CreateRecipientInput
                        {
                            Kind = RecipientKind.Household,
                            Name = household.Name,
                            ParentId = RecipientId(unitId),
                            HeadOfHousehold = household.HeadOfHousehold,
                            MemberCount = household.MemberCount,
                            IsRegisteredPoor = true,
                        });
                }
            }

            log.Information(
                "Demo seed: {Created} recipients registered; the village committee has {Units} social units with {Households} registered poor households of {Members} people",
                created,
                GalaVillage.Units.Count,
                householdIds.Count,
                GalaVillage.Units.Sum(u => u.Households.Sum(h => h.MemberCount)));
        }

        private async Task SeedDonorsAsync()
        {
            var existing = await db.Donors.ToListAsync(cancellationToken);
            var created = 0;
            foreach (var donor in GalaVillage.Donors)
            {
                var found = existing.FirstOrDefault(d => d.Name == donor.Name);
                if (found is null)
                {
                    found = await CreateDonor.HandleAsync(db, actor, Named("createDonor", new CreateDonorInput { Name = donor.Name, Kind = donor.Kind, Note = donor.Note }), cancellationToken);
                    created++;
                }

                donorIds[donor.Name] = found.Id;
            }

            log.Information("Demo seed: {Created} of {Donors} donors registered", created, GalaVillage.Donors.Count);
        }

        private async Task SeedFundsAsync()
        {
            var existing = await db.Funds.ToListAsync(cancellationToken);
            var created = 0;
            foreach (var fund in GalaVillage.Funds)
            {
                var found = existing.FirstOrDefault(f => f.Name == fund.Name);
                if (found is null)
                {
                    found = await CreateFund.HandleAsync(db, actor, Named("createFund", new CreateFundInput { Name = fund.Name, Purpose = fund.Purpose }), cancellationToken);
                    created++;
                }

                fundIds[fund.Name] = found.Id;
            }

            log.Information("Demo seed: {Created} of {Funds} funds opened", created, GalaVillage.Funds.Count);
        }

        private async Task SeedCashGiftsAsync()
        {
            var created = 0;
            foreach (var gift in GalaVillage.CashGifts)
            {
                var donorId = donorIds[gift.Donor];
                var fundId = fundIds[gift.Fund];
                if (await db.CashDonations.AnyAsync(
                        d => d.DonorId == donorId && d.FundId == fundId && d.ReceivedOn == gift.ReceivedOn && d.AmountFen == gift.AmountFen,
                        cancellationToken))
                {
                    continue;
                }

                await RecordCashDonation.HandleAsync(
                    db,
                    actor,
                    Named("recordCashDonation", new RecordCashDonationInput
                    {
                        DonorId = GlobalId.Encode("Donor", donorId),
                        FundId = GlobalId.Encode("Fund", fundId),
                        AmountFen = gift.AmountFen,
                        ReceivedOn = gift.ReceivedOn,
                        Note = gift.Note,
                    }),
                    cancellationToken);
                created++;
            }

            log.Information(
                "Demo seed: {Created} of {CashDonations} cash donations recorded, {TotalFen} fen in all",
                created,
                GalaVillage.CashGifts.Count,
                GalaVillage.CashGifts.Sum(g => g.AmountFen));
        }

        private async Task SeedOfficeGoodsAsync()
        {
            var lines = new List<DonationLineInput>();
            foreach (var kind in GalaVillage.OfficeGoods)
            {
                lines.AddRange(LinesFor(kind, committeeId, kind.ForCommittee));
                foreach (var unit in GalaVillage.Units)
                {
                    lines.AddRange(LinesFor(kind, unitIdsByNumber[unit.Number], kind.ForEachUnit[unit.Number - 1]));
                }
            }

            var (donationId, recorded) = await FindOrRecordInKindDonationAsync(GalaVillage.OfficeGoodsReceivedOn, GalaVillage.OfficeGoodsNote, lines);
            var handovers = 0;
            if (await HandOverWhatIsStillOnHandAsync(donationId, committeeId, GalaVillage.CommitteeReceiver, GalaVillage.CommitteeLocation, GalaVillage.GoodsHandedOverAt, GalaVillage.GoodsHandoverNote))
            {
                handovers++;
            }

            foreach (var unit in GalaVillage.Units)
            {
                if (await HandOverWhatIsStillOnHandAsync(donationId, unitIdsByNumber[unit.Number], unit.Leader, unit.Location, GalaVillage.GoodsHandedOverAt, GalaVillage.GoodsHandoverNote))
                {
                    handovers++;
                }
            }

            log.Information(
                "Demo seed: office goods of {Items} items in {Kinds} kinds ({Lines} lines): {Recorded} donation and {Handovers} handovers recorded",
                lines.Sum(l => l.Quantity),
                GalaVillage.OfficeGoods.Count,
                lines.Count,
                recorded ? 1 : 0,
                handovers);
        }

        private async Task SeedPrefabBuildingAsync()
        {
            var prefab = GalaVillage.PrefabBuilding;
            var (donationId, recorded) = await FindOrRecordInKindDonationAsync(
                GalaVillage.PrefabBuildingReceivedOn,
                GalaVillage.PrefabBuildingNote,
                [.. LinesFor(prefab, committeeId, prefab.ForCommittee)]);
            var handedOver = await HandOverWhatIsStillOnHandAsync(
                donationId, committeeId, GalaVillage.CommitteeReceiver, GalaVillage.CommitteeLocation, GalaVillage.PrefabBuildingHandedOverAt, GalaVillage.PrefabBuildingHandoverNote);
            log.Information(
                "Demo seed: prefab building of {Rooms} rooms worth {ValueFen} fen: {Recorded} donation and {Handovers} handover recorded",
                prefab.ForCommittee,
                prefab.ForCommittee * prefab.EstimatedUnitValueFen,
                recorded ? 1 : 0,
                handedOver ? 1 : 0);
        }

        private async Task SeedCondolenceVisitAsync()
        {
            var fundId = fundIds[GalaVillage.CondolenceFund];
            var created = 0;
            foreach (var visit in GalaVillage.CondolenceVisits)
            {
                var householdId = householdIds[(visit.UnitNumber, visit.HeadOfHousehold)];
                if (await db.Disbursements.AnyAsync(
                        d => d.FundId == fundId && d.RecipientId == householdId && d.PaidOn == GalaVillage.CondolenceVisitOn,
                        cancellationToken))
                {
                    continue;
                }

                await RecordDisbursement.HandleAsync(
                    db,
                    actor,
                    Named("recordDisbursement", new RecordDisbursementInput
                    {
                        FundId = GlobalId.Encode("Fund", fundId),
                        RecipientId = RecipientId(householdId),
                        AmountFen = GalaVillage.CondolencePerHouseholdFen,
                        Purpose = GalaVillage.CondolencePurpose,
                        PaidOn = GalaVillage.CondolenceVisitOn,
                        ReceivedBy = visit.HeadOfHousehold,
                    }),
                    cancellationToken);
                created++;
            }

            log.Information(
                "Demo seed: {Created} of {Households} condolence payments of {AmountFen} fen recorded",
                created,
                GalaVillage.CondolenceVisits.Count,
                GalaVillage.CondolencePerHouseholdFen);
        }

        private async Task SeedSpringPloughingPledgeAsync()
        {
            var donorId = donorIds[GalaVillage.AgricultureBureau];
            var exists = await db.Pledges.AnyAsync(p => p.DonorId == donorId && p.Description == GalaVillage.SpringPloughingPledge, cancellationToken);
            if (!exists)
            {
                // Seeds and fertiliser are two kinds, so the pledge names no single category.
                await RecordPledge.HandleAsync(
                    db,
                    actor,
                    Named("recordPledge", new RecordPledgeInput
                    {
                        DonorId = GlobalId.Encode("Donor", donorId),
                        Kind = PledgeKind.Goods,
                        Description = GalaVillage.SpringPloughingPledge,
                        ExpectedOn = GalaVillage.SpringPloughingExpectedOn,
                        IntendedRecipientId = RecipientId(committeeId),
                    }),
                    cancellationToken);
            }

            log.Information("Demo seed: {Created} pledge of seeds and fertiliser for spring ploughing recorded", exists ? 0 : 1);
        }

        /// <summary>The office gave two donations on different days; donor and day tell them apart.</summary>
        private async Task<(int Id, bool Recorded)> FindOrRecordInKindDonationAsync(DateOnly receivedOn, string note, List<DonationLineInput> lines)
        {
            var donorId = donorIds[GalaVillage.PrefectureOffice];
            var existingId = await db.InKindDonations
                .Where(d => d.DonorId == donorId && d.ReceivedOn == receivedOn)
                .Select(d => d.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (existingId != 0)
            {
                return (existingId, false);
            }

            var donation = await RecordInKindDonation.HandleAsync(
                db,
                actor,
                Named("recordInKindDonation", new RecordInKindDonationInput { DonorId = GlobalId.Encode("Donor", donorId), ReceivedOn = receivedOn, Note = note, Lines = lines }),
                cancellationToken);
            return (donation.Id, true);
        }

        private IEnumerable<DonationLineInput> LinesFor(GoodsKindSeed kind, int recipientId, int quantity)
        {
            if (quantity == 0)
            {
                yield break;
            }

            var categoryId = categoryIdsByCode.TryGetValue(kind.CategoryCode, out var id)
                ? id
                : throw new InvalidOperationException($"The demo needs the category '{kind.CategoryCode}', which the database lacks.");
            yield return new DonationLineInput
            {
                CategoryId = GlobalId.Encode("Category", categoryId),
                Description = kind.Description,
                Quantity = quantity,
                EstimatedUnitValueFen = kind.EstimatedUnitValueFen,
                Condition = kind.Condition,
                Tracking = kind.Tracking,
                PlannedRecipientId = RecipientId(recipientId),
            };
        }

        /// <summary>
        /// Hands over to its planned recipient whatever of the donation is still on hand; false when
        /// nothing is left (already handed over).
        /// </summary>
        private async Task<bool> HandOverWhatIsStillOnHandAsync(
            int donationId, int recipientId, string receivedBy, string location, DateTime handedOverAt, string note)
        {
            var onHand = await (
                    from item in db.StockItems
                    join line in db.DonationLines on item.DonationLineId equals line.Id
                    where line.DonationId == donationId && line.PlannedRecipientId == recipientId && item.QuantityOnHand > 0
                    orderby item.Id
                    select new { item.Id, item.QuantityOnHand })
                .ToListAsync(cancellationToken);
            if (onHand.Count == 0)
            {
                return false;
            }

            await RecordHandover.HandleAsync(
                db,
                actor,
                Named("recordHandover", new RecordHandoverInput
                {
                    RecipientId = RecipientId(recipientId),
                    ReceivedBy = receivedBy,
                    Location = location,
                    HandedOverAt = handedOverAt,
                    Note = note,
                    Lines = [.. onHand.Select(item => new HandoverLineInput { ItemId = GlobalId.Encode("Item", item.Id), Quantity = item.QuantityOnHand })],
                }),
                cancellationToken);
            return true;
        }

        /// <summary>Names the next write for the audit trail, as the mutation it stands for.</summary>
        private T Named<T>(string mutation, T input)
        {
            db.Audit.Begin($"{Operation}/{mutation}", input);
            return input;
        }

        private static string RecipientId(int id) => GlobalId.Encode("Recipient", id);
    }
}
