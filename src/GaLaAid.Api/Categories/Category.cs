namespace GaLaAid.Api.Categories;

/// <summary>A two-level tree: top-level groups (furniture, appliances …) and the kinds beneath them.</summary>
public sealed class Category
{
    public int Id { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string NameEn { get; init; }
    public int? ParentId { get; init; }
    public required string DefaultUnit { get; init; }
}
