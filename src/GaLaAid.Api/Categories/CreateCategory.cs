using GaLaAid.Api.Accounts;
using System.Text.RegularExpressions;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Categories;

public sealed record CreateCategoryInput
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? NameEn { get; init; }
    public string? ParentId { get; init; }
    public string? DefaultUnit { get; init; }
}

public sealed class CreateCategoryInputType : InputObjectGraphType<CreateCategoryInput>
{
    public CreateCategoryInputType()
    {
        Name = "CreateCategoryInput";
        Description = "A new kind of goods within a group, or a new group.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("Unique short code: lower-case letters, digits and dashes, e.g. 'solar-lamp'.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Chinese name, at most 100 characters.");
        Field<NonNullGraphType<StringGraphType>>("nameEn").Description("English name, at most 100 characters.");
        Field<IdGraphType>("parentId").Description("The group this kind belongs to; leave out to create a group.");
        Field<NonNullGraphType<StringGraphType>>("defaultUnit").Description("The usual unit, e.g. 台, 张, 袋; at most 16 characters.");
    }
}

public static partial class CreateCategory
{
    public static void AddCreateCategory(this ObjectGraphType mutation) =>
        mutation.AddMutation<CreateCategoryInputType, CreateCategoryInput, CategoryType>(
            "createCategory",
            "Adds a kind of goods to a group, or a new group. The tree has two levels: a kind cannot have kinds beneath it.",
            "category",
            "The category as stored.",
            Roles.Writers,
            async (ctx, input) => await HandleAsync(ctx.Service<AppDbContext>(), ctx.Service<CurrentActor>(), input, ctx.CancellationToken));

    public static async Task<Category> HandleAsync(AppDbContext db, CurrentActor actor, CreateCategoryInput input, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var code = check.RequiredText("code", input.Code, 64);
        if (code.Length > 0 && !CodePattern().IsMatch(code))
        {
            check.Fail("code", "'code' may hold only lower-case letters, digits and dashes, e.g. 'solar-lamp'.");
        }

        check.RequiredText("name", input.Name, 100);
        check.RequiredText("nameEn", input.NameEn, 100);
        check.RequiredText("defaultUnit", input.DefaultUnit, 16);
        var parentId = check.OptionalId("parentId", input.ParentId, "Category");
        check.ThrowIfAny();

        return await db.RunAsync(async () =>
        {
            if (parentId is { } pid)
            {
                var parent = await db.Categories.FirstOrDefaultAsync(c => c.Id == pid, cancellationToken)
                    ?? throw new DomainException(new NotFoundError("parentId", "Category", input.ParentId!));
                if (parent.ParentId is not null)
                {
                    throw new DomainException(new ValidationError("parentId", $"'{parent.Name}' is a kind, not a group; the category tree has two levels. Choose its group instead."));
                }
            }

            if (await db.Categories.AnyAsync(c => c.Code == code, cancellationToken))
            {
                throw new DomainException(new ValidationError("code", $"A category with code '{code}' already exists; choose another code."));
            }

            var category = input.ToNewEntity<Category>(actor, parentId);
            db.Categories.Add(category);
            return category;
        }, cancellationToken);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();
}
