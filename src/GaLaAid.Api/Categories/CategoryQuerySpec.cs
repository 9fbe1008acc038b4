using GaLaAid.Api.GraphQL;

namespace GaLaAid.Api.Categories;

/// <summary>What category lists can be filtered and sorted by.</summary>
public sealed class CategoryQuerySpec : QuerySpec<Category>
{
    public CategoryQuerySpec()
        : base("Category")
    {
        Id("id", "Category", c => c.Id, "The category's global id.", sort: true);
        Field("code", c => c.Code, "The stable short code, e.g. tv.", sort: true);
        Field("name", c => c.Name, "The Chinese name, e.g. 电视机.", sort: true);
        Field("nameEn", c => c.NameEn, "The English name, e.g. TV set.", sort: true);
        Field("defaultUnit", c => c.DefaultUnit, "The usual unit, e.g. 台.", sort: true);
        Related<Category, CategoryQuerySpec>("parent", "The group a kind belongs to (no match for a group).", _ => (c, p) => p.Id == c.ParentId, RelatedSort.Optional);
    }
}
