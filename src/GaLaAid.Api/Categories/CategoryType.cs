using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Categories;

public sealed class CategoryType : ObjectGraphType<Category>
{
    public CategoryType()
    {
        Name = "Category";
        Description = "A kind of goods in a two-level tree: a group (furniture, appliances …) or a kind within it (desk, TV set …).";
        Interface<NodeInterfaceType>();
        IsTypeOf = value => value is Category;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of this category.")
            .Resolve(ctx => GlobalId.Encode(Name, ctx.Source.Id));
        Field(c => c.Code).Description("Stable short code, e.g. 'tv' or 'electric-heater'.");
        Field(c => c.Name).Description("Chinese name, e.g. 电视机.");
        Field(c => c.NameEn).Description("English name, e.g. TV set.");
        Field(c => c.DefaultUnit).Description("The unit goods of this kind are usually counted in, e.g. 台 or 张.");
        Field<CategoryType>("parent").Description("The group this kind belongs to; null for a group.")
            .Resolve(ctx => ctx.LoadOptionalById<Category>(ctx.Source.ParentId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryType>>>>("children")
            .Description("The kinds within this group; empty for a kind.")
            .Resolve(ctx => ctx.LoadChildren(
                "CategoryChildren", ctx.Source.Id,
                (db, ids) => db.Categories.Where(c => c.ParentId != null && ids.Contains(c.ParentId.Value)).OrderBy(c => c.Id),
                c => c.ParentId!.Value));
    }
}

public static class CategoryQueries
{
    public static void AddCategoryQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<CategoryType>>>("categories")
            .AllowRoles(Roles.All)
            .Description("The category tree: the top-level groups, each with its kinds in 'children'. With 'where': every category, group or kind, that matches.")
            .PagingArguments()
            .FilterAndOrderArguments(QuerySpecs.Of<CategoryQuerySpec>())
            .ResolveAsync(async ctx =>
            {
                var categories = ctx.Service<AppDbContext>().Categories.AsQueryable();
                return await ctx.PageAsync(
                    ctx.HasArgument("where") ? categories : categories.Where(c => c.ParentId == null), c => c.Id, QuerySpecs.Of<CategoryQuerySpec>());
            });
}
