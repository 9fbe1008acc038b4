using GaLaAid.Api.Accounts;
using GaLaAid.Api.Categories;
using GaLaAid.Api.Data;
using GaLaAid.Api.Donations;
using GaLaAid.Api.Funds;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Handovers;
using GaLaAid.Api.Labels;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Stock;

public sealed class ItemType : ObjectGraphType<StockItem>
{
    public ItemType()
    {
        Name = "Item";
        Description = "A labelled stock item: one physical unit (per-unit tracking) or one lot of a bulk line.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is StockItem;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this item.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field(i => i.LabelCode).Description("The code printed on the item's current label, e.g. GL-7K3Q-9XWD.");
        this.AddLabelFields();
        Field<NonNullGraphType<TrackingModeType>>("tracking").Description("Per unit (one physical unit) or lot.").Resolve(ctx => ctx.Source.Tracking);
        Field(i => i.ReceivedQuantity).Description("The quantity received into this item (1 for a per-unit item).");
        Field(i => i.QuantityOnHand).Description("The quantity on hand now: the sum of the item's entries.");
        Field<NonNullGraphType<DonationLineType>>("line").Description("The donation line this item came from.")
            .Resolve(ctx => ctx.LoadById<DonationLine>(ctx.Source.DonationLineId));
        Field<NonNullGraphType<CategoryType>>("category").Description("The item's category.")
            .Resolve(ctx => ctx.LoadById<DonationLine>(ctx.Source.DonationLineId)
                .Then(line => ctx.LoadById<Category>(line!.CategoryId)));
        Field<NonNullGraphType<ConnectionGraphType<StockEntryType>>>("entries")
            .Description("This item's ledger entries, oldest first unless 'order' says otherwise. Not for volunteers.")
            .AllowRoles(Roles.Readers)
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<StockEntryQuerySpec>())
            .Resolve(ctx => ctx.ChildConnection(
                "ItemEntries", ctx.Source.Id,
                (db, ids) => db.StockEntries.Where(e => ids.Contains(e.StockItemId)),
                e => e.StockItemId, e => e.Id, QuerySpecs.Of<StockEntryQuerySpec>()));
        this.AddLabelPrintsField();
    }
}

public sealed class StockEntryType : ObjectGraphType<StockEntry>
{
    public StockEntryType()
    {
        Name = "StockEntry";
        Description = "One append-only movement of goods: positive into stock, negative out of it.";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is StockEntry;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this entry.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field<NonNullGraphType<ItemType>>("item").Description("The item this entry moved.")
            .Resolve(ctx => ctx.LoadById<StockItem>(ctx.Source.StockItemId));
        Field<NonNullGraphType<LedgerEntryKindType>>("kind").Description("Why the goods moved.").Resolve(ctx => ctx.Source.Kind);
        Field(e => e.Quantity).Description("Signed quantity: positive into stock, negative out of it.");
        Field<HandoverType>("handover").Description("For a Distributed entry (or its reversal): the handover.")
            .Resolve(ctx => ctx.LoadOptionalById<Handover>(ctx.Source.HandoverId));
        Field<StockEntryType>("reverses").Description("For a reversal: the entry it cancels.")
            .Resolve(ctx => ctx.LoadOptionalByLongId<StockEntry>(ctx.Source.ReversesEntryId));
        Field(e => e.Reason, nullable: true).Description("Why an adjustment or reversal was made.");
        Field(e => e.RecordedBy).Description("Who recorded this entry.");
        Field(e => e.RecordedAt).Description("When this entry was recorded (UTC).");
    }
}

/// <summary>An item read with its donation line and category, as a scan shows them.</summary>
internal sealed record ItemWithLine(StockItem Item, DonationLine Line, Category Category);

/// <summary>Goods on hand in one category, summed from the items' ledger.</summary>
public sealed record CategoryStock(Category Category, long ItemCount, long QuantityReceived, long QuantityOnHand, long EstimatedValueOnHandFen);

public sealed class CategoryStockType : ObjectGraphType<CategoryStock>
{
    public CategoryStockType()
    {
        Name = "CategoryStock";
        Description = "Goods of one category: how much was received and how much is on hand.";
        Field<NonNullGraphType<CategoryType>>("category").Description("The category.").Resolve(ctx => ctx.Source.Category);
        Field(s => s.ItemCount).Description("How many labelled items (units or lots) of this category exist.");
        Field(s => s.QuantityReceived).Description("Total quantity received, in the lines' units; a receipt that was reversed counts nothing.");
        Field(s => s.QuantityOnHand).Description("Total quantity on hand now.");
        Field(s => s.EstimatedValueOnHandFen).Description("Estimated value of what is on hand, in fen.");
    }
}

public static class StockQueries
{
    /// <summary>
    /// The scan through EF: what <see cref="ItemScanReader"/> reads on SQLite, for a provider that has
    /// no such reader, and the reference its tests compare it with.
    /// </summary>
    internal static readonly Func<AppDbContext, string, CancellationToken, Task<ItemWithLine?>> ItemByCodeThroughEf =
        EF.CompileAsyncQuery((AppDbContext db, string code, CancellationToken cancellationToken) =>
            (from item in db.StockItems
             where item.LabelCode == code
             join line in db.DonationLines on item.DonationLineId equals line.Id
             join category in db.Categories on line.CategoryId equals category.Id
             select new ItemWithLine(item, line, category))
            .FirstOrDefault());

    public static void AddStockQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<ItemType>>>("stockItems")
            .AllowRoles(Roles.Readers)
            .Description("Labelled items, in the order they were received.")
            .Argument<BooleanGraphType>("onHandOnly", "Only items with something left on hand.")
            .Argument<IdGraphType>("categoryId", "Only items of this category (a kind, or every kind of a group).")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<ItemQuerySpec>())
            .ResolveAsync(async ctx =>
            {
                var db = ctx.Service<AppDbContext>();
                var items = db.StockItems.AsQueryable();
                if (ctx.GetArgument<bool?>("onHandOnly") == true)
                {
                    items = items.Where(i => i.QuantityOnHand > 0);
                }

                if (ctx.GetArgument<string?>("categoryId") is { } rawCategory)
                {
                    var categoryId = GlobalId.ParseArgument(rawCategory, "Category", "categoryId");
                    var lines = db.DonationLines.Where(l => l.CategoryId == categoryId
                        || db.Categories.Any(c => c.Id == l.CategoryId && c.ParentId == categoryId));
                    items = items.Where(i => lines.Any(l => l.Id == i.DonationLineId));
                }

                return await ctx.PageAsync(items, i => i.Id, QuerySpecs.Of<ItemQuerySpec>());
            });

        query.Field<ItemType>("itemByCode")

            .AllowRoles(Roles.All)
            .Description("Finds an item by its label code, in any case, with or without dashes. Null when no item has that code; a GraphQL error with code INVALID_LABEL_CODE when the code is mistyped, and LABEL_VOIDED (naming the item's new code) when the label was voided.")
            .Argument<NonNullGraphType<StringGraphType>>("code", "The label code, e.g. GL-7K3Q-9XWD or gl7k3q9xwd.")
            .ResolveAsync(async ctx =>
            {
                var raw = ctx.GetArgument<string>("code");
                if (!LabelCode.TryNormalize(raw, out var code))
                {
                    throw new ExecutionError(LabelErrorCodes.InvalidLabelCodeMessage)
                    {
                        Code = LabelErrorCodes.InvalidLabelCode,
                    };
                }

                // The scan of distribution day: the item with its line and category in one prepared
                // statement, handed to the request's loaders so that `line` and `category` send none.
                var found = ctx.RequestServices!.GetService<ItemScanReader>() is { } reader
                    ? reader.Find(code)
                    : await ItemByCodeThroughEf(ctx.Service<AppDbContext>(), code, ctx.CancellationToken);
                if (found is null && await LabelLedger.FindVoidedAsync(ctx.Service<AppDbContext>(), code, ctx.CancellationToken) is { } voided)
                {
                    throw new ExecutionError(voided.Explanation) { Code = LabelErrorCodes.LabelVoided };
                }

                if (found is not null)
                {
                    ctx.PrimeById(found.Line.Id, found.Line);
                    ctx.PrimeById(found.Category.Id, found.Category);
                }

                return found?.Item;
            });

        query.Field<NonNullGraphType<ConnectionGraphType<StockEntryType>>>("stockEntries")

            .AllowRoles(Roles.Readers)
            .Description("The whole goods ledger, oldest entry first.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<StockEntryQuerySpec>())
            .ResolveAsync(async ctx => await ctx.PageAsync(ctx.Service<AppDbContext>().StockEntries, e => e.Id, QuerySpecs.Of<StockEntryQuerySpec>()));

        query.Field<NonNullGraphType<ConnectionGraphType<CategoryStockType>>>("stockOnHand")

            .AllowRoles(Roles.Readers)
            .Description("Goods received and on hand per category (kinds, not groups) that has ever held stock, summed from the ledger.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<CategoryQuerySpec>())
            .ResolveAsync(async ctx =>
            {
                var db = ctx.Service<AppDbContext>();
                var stocked = db.Categories.Where(c => db.DonationLines.Any(l => l.CategoryId == c.Id));
                var categories = await ctx.PageAsync(stocked, c => c.Id, QuerySpecs.Of<CategoryQuerySpec>());
                return await categories.MapAsync(page => StockOnHand.ComputeAsync(db, page, ctx.CancellationToken));
            });
    }
}

public static class StockOnHand
{
    public static async Task<IReadOnlyList<CategoryStock>> ComputeAsync(AppDbContext db, IReadOnlyList<Category> categories, CancellationToken cancellationToken)
    {
        var ids = categories.Select(c => c.Id).ToList();
        var sums = await (
                from entry in db.StockEntries
                join item in db.StockItems on entry.StockItemId equals item.Id
                join line in db.DonationLines on item.DonationLineId equals line.Id
                from reversed in db.StockEntries.Where(r => r.Id == entry.ReversesEntryId).DefaultIfEmpty()
                where ids.Contains(line.CategoryId)
                group new { entry.Quantity, line.EstimatedUnitValueFen, entry.Kind, ReversesReceipt = reversed != null && reversed.Kind == LedgerEntryKind.Received }
                    by line.CategoryId into g
                select new
                {
                    CategoryId = g.Key,
                    Received = g.Sum(x => x.Kind == LedgerEntryKind.Received || x.ReversesReceipt ? (long)x.Quantity : 0L),
                    OnHand = g.Sum(x => (long)x.Quantity),
                    Value = g.Sum(x => x.Quantity * x.EstimatedUnitValueFen),
                })
            .ToListAsync(cancellationToken);
        var counts = await (
                from item in db.StockItems
                join line in db.DonationLines on item.DonationLineId equals line.Id
                where ids.Contains(line.CategoryId)
                group item by line.CategoryId into g
                select new { CategoryId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(c => c.CategoryId, c => c.Count, cancellationToken);
        var byCategory = sums.ToDictionary(s => s.CategoryId);
        return categories.Select(category => byCategory.TryGetValue(category.Id, out var s)
                ? new CategoryStock(category, counts.GetValueOrDefault(category.Id), s.Received, s.OnHand, s.Value)
                : new CategoryStock(category, counts.GetValueOrDefault(category.Id), 0, 0, 0))
            .ToList();
    }
}
