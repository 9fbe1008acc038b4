using GaLaAid.Api.Categories;
using GaLaAid.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Categories;

public sealed class CreateCategoryTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private const string Selection = "{ id code name nameEn defaultUnit parent { id code } children { id } }";

    private readonly LedgerScenario scenario = new(app);

    private Task<MutationResult> CreateAsync(object input) =>
        scenario.Client.MutateAsync("createCategory", "category", Selection, input);

    private static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task CreateCategory_adds_a_kind_to_a_group()
    {
        var code = NewCode("solar-lamp");
        var before = await app.LedgerCountsAsync();

        var category = (await CreateAsync(new
        {
            code,
            name = " 太阳能灯 ",
            nameEn = "Solar lamp",
            parentId = LedgerScenario.CategoryId(LedgerScenario.Appliances),
            defaultUnit = "盏",
        })).Ok();

        Assert.Equal(code, (string?)category["code"]);
        Assert.Equal("太阳能灯", (string?)category["name"]);
        Assert.Equal("Solar lamp", (string?)category["nameEn"]);
        Assert.Equal("盏", (string?)category["defaultUnit"]);
        Assert.Equal("appliances", (string?)category["parent"]!["code"]);
        Assert.Empty(category["children"]!.AsArray());

        var id = (int)LedgerScenario.RowId((string?)category["id"], "Category");
        var stored = await app.QueryDatabaseAsync(db => db.Categories.SingleAsync(c => c.Id == id));
        Assert.Equal(LedgerScenario.Appliances, stored.ParentId);
        Assert.Equal("太阳能灯", stored.Name);
        Assert.Equal(before with { Categories = before.Categories + 1, AuditEntries = before.AuditEntries + 1 }, await app.LedgerCountsAsync());

        var tree = await scenario.Client.DataAsync("{ categories { nodes { code children { id code } } } }");
        var appliances = tree["categories"]!["nodes"]!.AsArray().Single(c => (string?)c!["code"] == "appliances")!;
        Assert.Contains((string?)category["id"], appliances["children"]!.AsArray().Select(c => (string?)c!["id"]));
    }

    [Fact]
    public async Task CreateCategory_adds_a_group_when_no_parent_is_given()
    {
        var category = (await CreateAsync(new { code = NewCode("medicine"), name = "药品", nameEn = "Medicine", defaultUnit = "盒" })).Ok();

        Assert.Null(category["parent"]);
        var id = (int)LedgerScenario.RowId((string?)category["id"], "Category");
        Assert.Null(await app.QueryDatabaseAsync(db => db.Categories.Where(c => c.Id == id).Select(c => c.ParentId).SingleAsync()));
    }

    [Fact]
    public async Task Categories_returns_the_seeded_two_level_tree()
    {
        var tree = (await scenario.Client.DataAsync("{ categories { nodes { id code parent { id } children { id code defaultUnit parent { code } } } } }"))["categories"]!["nodes"]!.AsArray();

        Assert.Equal(
            ["furniture", "appliances", "office", "bedding-clothing", "agriculture", "food", "buildings", "other"],
            tree.Take(8).Select(c => (string?)c!["code"]));
        Assert.All(tree, group => Assert.Null(group!["parent"]));
        var appliances = tree[1]!;
        var tv = appliances["children"]!.AsArray().Single(c => (string?)c!["code"] == "tv")!;
        Assert.Equal(LedgerScenario.CategoryId(LedgerScenario.TvSet), (string?)tv["id"]);
        Assert.Equal("台", (string?)tv["defaultUnit"]);
        Assert.Equal("appliances", (string?)tv["parent"]!["code"]);
        Assert.Equal(DefaultCategories.All.Count(c => c.ParentId == LedgerScenario.Appliances), appliances["children"]!.AsArray().Count);
    }

    [Fact]
    public async Task CreateCategory_refuses_a_kind_under_a_kind() =>
        await scenario.RefusedAsync(
            () => CreateAsync(new { code = NewCode("oled-tv"), name = "OLED电视", nameEn = "OLED TV", parentId = LedgerScenario.CategoryId(LedgerScenario.TvSet), defaultUnit = "台" }),
            "VALIDATION_FAILED",
            "parentId");

    [Fact]
    public async Task CreateCategory_refuses_a_code_already_taken() =>
        await scenario.RefusedAsync(
            () => CreateAsync(new { code = "tv", name = "电视", nameEn = "TV", parentId = LedgerScenario.CategoryId(LedgerScenario.Appliances), defaultUnit = "台" }),
            "VALIDATION_FAILED",
            "code");

    [Theory]
    [InlineData("Solar-Lamp")]
    [InlineData("solar_lamp")]
    [InlineData("solar lamp")]
    [InlineData("-lamp")]
    [InlineData("lamp-")]
    [InlineData("太阳能灯")]
    public async Task CreateCategory_refuses_a_code_that_is_not_lower_case_words_joined_by_dashes(string code) =>
        await scenario.RefusedAsync(() => CreateAsync(new { code, name = "太阳能灯", nameEn = "Solar lamp", defaultUnit = "盏" }), "VALIDATION_FAILED", "code");

    [Theory]
    [InlineData("code", " ")]
    [InlineData("code", 65)]
    [InlineData("name", "")]
    [InlineData("name", 101)]
    [InlineData("nameEn", " ")]
    [InlineData("nameEn", 101)]
    [InlineData("defaultUnit", "")]
    [InlineData("defaultUnit", 17)]
    public async Task CreateCategory_refuses_blank_or_over_long_text(string field, object value)
    {
        var text = value is int length ? new string('x', length) : (string)value;
        var input = new Dictionary<string, string>
        {
            ["code"] = NewCode("lamp"),
            ["name"] = "灯",
            ["nameEn"] = "Lamp",
            ["defaultUnit"] = "盏",
            [field] = text,
        };

        await scenario.RefusedAsync(() => CreateAsync(input), "VALIDATION_FAILED", field);
    }

    [Fact]
    public async Task CreateCategory_refuses_an_unknown_parent() =>
        await scenario.RefusedAsync(
            () => CreateAsync(new { code = NewCode("lamp"), name = "灯", nameEn = "Lamp", parentId = GlobalId.Encode("Category", 98_765), defaultUnit = "盏" }),
            "NOT_FOUND",
            "parentId");

    [Theory]
    [InlineData("201")]
    [InlineData("Fund")]
    public async Task CreateCategory_refuses_a_malformed_parent_id_or_the_id_of_another_type(string parentId)
    {
        parentId = parentId == "Fund" ? GlobalId.Encode("Fund", LedgerScenario.Appliances) : parentId;

        await scenario.RefusedAsync(
            () => CreateAsync(new { code = NewCode("lamp"), name = "灯", nameEn = "Lamp", parentId, defaultUnit = "盏" }), "INVALID_ID", "parentId");
    }
}
