namespace GaLaAid.Api.Categories;

/// <summary>
/// The category tree every installation starts with. Ids are fixed because migrations seed them;
/// new categories added later get ids from the database.
/// </summary>
internal static class DefaultCategories
{
    private static Category Group(int id, string code, string name, string nameEn, string unit) =>
        new() { Id = id, Code = code, Name = name, NameEn = nameEn, DefaultUnit = unit };

    private static Category Kind(int id, int parentId, string code, string name, string nameEn, string unit) =>
        new() { Id = id, ParentId = parentId, Code = code, Name = name, NameEn = nameEn, DefaultUnit = unit };

    public static readonly Category[] All =
    [
        Group(1, "furniture", "家具", "Furniture", "件"),
        Group(2, "appliances", "家用电器", "Appliances", "台"),
        Group(3, "office", "办公用品", "Office supplies", "件"),
        Group(4, "bedding-clothing", "被服", "Bedding and clothing", "件"),
        Group(5, "agriculture", "农资", "Agricultural supplies", "袋"),
        Group(6, "food", "食品", "Food", "袋"),
        Group(7, "buildings", "房屋设施", "Buildings and structures", "间"),
        Group(8, "other", "其他", "Other", "件"),

        Kind(101, 1, "desk", "办公桌", "Desk", "张"),
        Kind(102, 1, "meeting-table", "会议桌", "Meeting table", "张"),
        Kind(103, 1, "meeting-chair", "会议椅", "Meeting chair", "把"),
        Kind(104, 1, "filing-cabinet", "文件柜", "Filing cabinet", "个"),
        Kind(105, 1, "tv-cabinet", "电视柜", "TV cabinet", "个"),
        Kind(106, 1, "bed", "床", "Bed", "张"),
        Kind(107, 1, "sofa", "沙发", "Sofa", "套"),
        Kind(108, 1, "wardrobe", "衣柜", "Wardrobe", "个"),
        Kind(109, 1, "bookshelf", "书架", "Bookshelf", "个"),
        Kind(110, 1, "tea-table", "茶几", "Tea table", "张"),
        Kind(111, 1, "bench", "长椅", "Bench", "条"),
        Kind(112, 1, "office-chair", "办公椅", "Office chair", "把"),

        Kind(201, 2, "tv", "电视机", "TV set", "台"),
        Kind(202, 2, "electric-heater", "电暖气", "Electric heater", "台"),
        Kind(203, 2, "disinfection-cabinet", "消毒柜", "Disinfection cabinet", "台"),
        Kind(204, 2, "washing-machine", "洗衣机", "Washing machine", "台"),
        Kind(205, 2, "refrigerator", "冰箱", "Refrigerator", "台"),
        Kind(206, 2, "water-dispenser", "饮水机", "Water dispenser", "台"),
        Kind(207, 2, "rice-cooker", "电饭锅", "Rice cooker", "个"),
        Kind(208, 2, "electric-kettle", "电水壶", "Electric kettle", "个"),

        Kind(301, 3, "computer", "电脑", "Computer", "台"),
        Kind(302, 3, "printer", "打印机", "Printer", "台"),
        Kind(303, 3, "whiteboard", "白板", "Whiteboard", "块"),
        Kind(304, 3, "stationery", "文具", "Stationery", "套"),

        Kind(401, 4, "quilt", "棉被", "Quilt", "床"),
        Kind(402, 4, "blanket", "毛毯", "Blanket", "条"),
        Kind(403, 4, "winter-coat", "棉衣", "Winter coat", "件"),

        Kind(501, 5, "seed", "种子", "Seed", "斤"),
        Kind(502, 5, "fertiliser", "化肥", "Fertiliser", "袋"),
        Kind(503, 5, "farm-tool", "农具", "Farm tool", "件"),

        Kind(601, 6, "rice", "大米", "Rice", "袋"),
        Kind(602, 6, "flour", "面粉", "Flour", "袋"),
        Kind(603, 6, "cooking-oil", "食用油", "Cooking oil", "桶"),

        Kind(701, 7, "prefab-building", "活动板房", "Prefab building", "间"),

        Kind(801, 8, "miscellaneous", "其他物资", "Miscellaneous goods", "件"),
    ];
}
