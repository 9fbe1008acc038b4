using GaLaAid.Api.Accounts;
using GaLaAid.Api.Categories;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Labels;
using GaLaAid.Api.Pledges;
using GaLaAid.Api.Recipients;
using GaLaAid.Api.Stock;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Donations;

public sealed record DonationLineInput
{
    public string? CategoryId { get; init; }
    public string? Description { get; init; }
    public int Quantity { get; init; }
    public string? Unit { get; init; }
    public long EstimatedUnitValueFen { get; init; }
    public ItemCondition Condition { get; init; } = ItemCondition.New;
    public TrackingMode Tracking { get; init; }
    public string? PlannedRecipientId { get; init; }
}

public sealed record RecordInKindDonationInput
{
    public string? DonorId { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public string? PledgeId { get; init; }
    public string? Note { get; init; }
    public List<DonationLineInput>? Lines { get; init; }
}

public sealed class DonationLineInputType : InputObjectGraphType<DonationLineInput>
{
    public DonationLineInputType()
    {
        Name = "DonationLineInput";
        Description = "One kind of goods received.";
        Field<NonNullGraphType<IdGraphType>>("categoryId").Description("The kind of goods: a category that is a kind, not a group.");
        Field<NonNullGraphType<StringGraphType>>("description").Description("What the goods are, e.g. 32寸液晶电视; at most 500 characters.");
        Field<NonNullGraphType<IntGraphType>>("quantity").Description($"How many, in 'unit': 1 to {InputCheck.MaxQuantity} for a lot, 1 to {RecordInKindDonation.MaxPerUnitItems} for per-unit tracking.");
        Field<StringGraphType>("unit").Description("The unit, e.g. 台, 张, 袋; defaults to the category's unit.");
        Field<NonNullGraphType<LongGraphType>>("estimatedUnitValueFen").Description("Estimated value of one unit in fen (0 when unknown).");
        Field<ItemConditionType>("condition").Description("The condition the goods arrived in; default NEW.");
        Field<NonNullGraphType<TrackingModeType>>("tracking").Description("PER_UNIT: one labelled item per unit. LOT: one labelled lot.");
        Field<IdGraphType>("plannedRecipientId").Description("Where the goods are planned to go, if planned.");
    }
}

public sealed class RecordInKindDonationInputType : InputObjectGraphType<RecordInKindDonationInput>
{
    public RecordInKindDonationInputType()
    {
        Name = "RecordInKindDonationInput";
        Description = "Goods received from a donor.";
        Field<NonNullGraphType<IdGraphType>>("donorId").Description("Who gave the goods.");
        Field<NonNullGraphType<DateOnlyGraphType>>("receivedOn").Description("The day the goods were received.");
        Field<IdGraphType>("pledgeId").Description("The donor's goods pledge this fulfils, if any.");
        Field<StringGraphType>("note").Description("Free-text note, at most 1000 characters.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DonationLineInputType>>>>("lines")
            .Description($"The kinds of goods, 1 to {RecordInKindDonation.MaxLines} lines.");
    }
}

public static class RecordInKindDonation
{
    public const int MaxLines = 200;
    public const int MaxPerUnitItems = 100_000;

    public static void AddRecordInKindDonation(this ObjectGraphType mutation) =>
        mutation.AddMutation<RecordInKindDonationInputType, RecordInKindDonationInput, InKindDonationType>(
            "recordInKindDonation",
            "Records goods received from a donor: the donation, its lines, one labelled item per unit (or one lot per line) and a Received entry for each, in one transaction.",
            "inKindDonation",
            "The donation as stored.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken));

    public static async Task<InKindDonation> HandleAsync(AppDbContext db, CurrentActor actor, RecordInKindDonationInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var donorId = check.Id("donorId", input.DonorId, "Donor");
        var pledgeId = check.OptionalId("pledgeId", input.PledgeId, "Pledge");
        check.PastDate("receivedOn", input.ReceivedOn, actor.Today);
        var note = check.Text("note", input.Note, 1000, required: false);
        var lines = input.Lines ?? [];
        if (lines.Count is 0 or > MaxLines)
        {
            check.Fail("lines", $"A donation needs 1 to {MaxLines} lines; {lines.Count} were given.");
        }

        var checkedLines = lines.Take(MaxLines).Select((line, index) =>
        {
            var at = $"lines[{index}]";
            var max = line.Tracking == TrackingMode.PerUnit ? MaxPerUnitItems : InputCheck.MaxQuantity;
            check.Quantity($"{at}.quantity", line.Quantity, max);
            check.NonNegativeFen($"{at}.estimatedUnitValueFen", line.EstimatedUnitValueFen);
            return new
            {
                Input = line,
                Field = at,
                CategoryId = check.Id($"{at}.categoryId", line.CategoryId, "Category"),
                Description = check.RequiredText($"{at}.description", line.Description, 500),
                Unit = check.Text($"{at}.unit", line.Unit, 16, required: false),
                PlannedRecipientId = check.OptionalId($"{at}.plannedRecipientId", line.PlannedRecipientId, "Recipient"),
            };
        }).ToList();
        check.ThrowIfAny();

        return await db.RunAsync(async () =>
        {
            if (!await db.Donors.AnyAsync(d => d.Id == donorId, cancellationToken))
            {
                throw new DomainException(new NotFoundError("donorId", "Donor", input.DonorId!));
            }

            await PledgeRules.EnsureFulfillableAsync(db, pledgeId, input.PledgeId, donorId, PledgeKind.Goods, cancellationToken);
            var categoryIds = checkedLines.Select(l => l.CategoryId).Distinct().ToList();
            var categories = await db.Categories.Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            var recipientIds = checkedLines.Where(l => l.PlannedRecipientId is not null).Select(l => l.PlannedRecipientId!.Value).Distinct().ToList();
            var knownRecipients = await db.Recipients.Where(r => recipientIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
            var refusals = new InputCheck();
            foreach (var line in checkedLines)
            {
                if (!categories.TryGetValue(line.CategoryId, out var category))
                {
                    refusals.Add(new NotFoundError($"{line.Field}.categoryId", "Category", line.Input.CategoryId!));
                }
                else if (category.ParentId is null)
                {
                    refusals.Fail($"{line.Field}.categoryId", $"'{category.Name}' is a group of categories; choose one of its kinds (query 'categories' for the tree).");
                }

                if (line.PlannedRecipientId is { } rid && !knownRecipients.Contains(rid))
                {
                    refusals.Add(new NotFoundError($"{line.Field}.plannedRecipientId", "Recipient", line.Input.PlannedRecipientId!));
                }
            }

            refusals.ThrowIfAny();

            var donation = new InKindDonation
            {
                DonorId = donorId,
                ReceivedOn = input.ReceivedOn,
                PledgeId = pledgeId,
                Note = note,
                RecordedBy = actor.Name,
                RecordedAt = actor.Now,
                Lines = checkedLines.Select((line, index) => new DonationLine
                {
                    LineNumber = index + 1,
                    CategoryId = line.CategoryId,
                    Description = line.Description,
                    Quantity = line.Input.Quantity,
                    Unit = line.Unit ?? categories[line.CategoryId].DefaultUnit,
                    EstimatedUnitValueFen = line.Input.EstimatedUnitValueFen,
                    Condition = line.Input.Condition,
                    Tracking = line.Input.Tracking,
                    PlannedRecipientId = line.PlannedRecipientId,
                }).ToList(),
            };
            db.InKindDonations.Add(donation);
            await db.SaveChangesAsync(cancellationToken);
            await ReceiveItemsAsync(db, actor, donation.Lines, cancellationToken);
            return donation;
        }, cancellationToken);
    }

    /// <summary>
    /// Creates the labelled items of the lines, each received into stock by its own Received entry.
    /// A donation may bring a hundred thousand items, so they are inserted in bulk (<see cref="BulkInsert"/>),
    /// still in the donation's transaction and still each named and hashed by its audit entry.
    /// </summary>
    private static async Task ReceiveItemsAsync(AppDbContext db, CurrentActor actor, IReadOnlyList<DonationLine> lines, CancellationToken cancellationToken)
    {
        var items = lines
            .SelectMany(line => line.Tracking == TrackingMode.PerUnit
                ? Enumerable.Range(0, line.Quantity).Select(_ => (line, quantity: 1))
                : [(line, quantity: line.Quantity)])
            .ToList();
        var codes = await LabelLedger.UnusedCodesAsync(db, items.Count, cancellationToken);
        var firstItemId = await BulkInsert.ReserveIdsAsync<StockItem>(db, cancellationToken);
        var stockItems = items.Select((item, index) => new StockItem
        {
            Id = checked((int)(firstItemId + index)),
            DonationLineId = item.line.Id,
            Tracking = item.line.Tracking,
            LabelCode = codes[index],
            ReceivedQuantity = item.quantity,
            QuantityOnHand = item.quantity,
        }).ToList();
        await BulkInsert.InsertAsync(db, stockItems, cancellationToken);
        var firstEntryId = await BulkInsert.ReserveIdsAsync<StockEntry>(db, cancellationToken);
        var entries = stockItems.Select((item, index) => new StockEntry
        {
            Id = firstEntryId + index,
            StockItemId = item.Id,
            Kind = LedgerEntryKind.Received,
            Quantity = item.ReceivedQuantity,
            RecordedBy = actor.Name,
            RecordedAt = actor.Now,
        }).ToList();
        await BulkInsert.InsertAsync(db, entries, cancellationToken);
    }
}
