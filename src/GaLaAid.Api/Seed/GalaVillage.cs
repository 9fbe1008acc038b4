using GaLaAid.Api.Donations;
using GaLaAid.Api.Donors;

namespace GaLaAid.Api.Seed;

/// <summary>
/// The Gala village case (尕拉村, Yushu) as the work team's diary tells it: the entries of
/// 22 October to 10 November 2016, above all paragraph 16 of 30 October (the goods, the cash, the
/// condolence visit and the prefab building) and paragraph 21 (the spring-ploughing pledge).
/// The diary gives only totals; the breakdown here (households per unit and their heads, goods per
/// unit, unit values, the days within those weeks) is invented but adds up to exactly those totals.
/// </summary>
internal static class GalaVillage
{
    public const long FenPerYuan = 100;

    public const string CommitteeName = "尕拉村村委会";
    public const string CommitteeNote =
        "州委办公室联点帮扶村；2016年10月“第一书记”和扶贫（驻村）工作队进驻。建档立卡贫困户162户546人，占全村总户数的42.5%、总人数的45.3%。";
    public const string CommitteeReceiver = "丁增巴德";
    public const string CommitteeLocation = "尕拉村村委会";

    public const string PrefectureOffice = "州委办公室";
    public const string OfficePartyBranch = "州委办公室党支部";
    public const string OfficePartyCadres = "州委办公室党员干部";
    public const string AgricultureBureau = "州农牧局";

    public static readonly IReadOnlyList<DonorSeed> Donors =
    [
        new(PrefectureOffice, DonorKind.GovernmentOffice, "联点帮扶尕拉村，派驻“第一书记”和扶贫（驻村）工作队。"),
        new(OfficePartyBranch, DonorKind.PartyBranch, "州委办公室捐款捐物活动中，党支部筹集资金。"),
        new(OfficePartyCadres, DonorKind.Organisation, "州委办公室党员干部在捐款捐物活动中的个人捐款，合计记为一笔。"),
        new(AgricultureBureau, DonorKind.GovernmentOffice, "经州委农办协调，同意明年春耕时期帮助解决贫困户提出的种子、化肥短缺问题。"),
    ];

    // Two funds, because the diary pairs the money that way: the cadres' 6,000 yuan matches the
    // 12 × 500 yuan handed out on the condolence visit, so it goes into 慰问金 and is spent there in
    // full; the party branch's 5,000 yuan goes into the general 帮扶资金 and is still unspent, kept
    // for the "blood-making" work the diary plans next (training classes, spring ploughing).
    public const string GeneralFund = "帮扶资金";
    public const string CondolenceFund = "慰问金";

    public static readonly IReadOnlyList<FundSeed> Funds =
    [
        new(GeneralFund, "尕拉村精准扶贫的一般帮扶支出：生产发展、劳动技能培训、村社公益。"),
        new(CondolenceFund, "走访慰问贫困户时发放的慰问金。"),
    ];

    public static readonly IReadOnlyList<CashGiftSeed> CashGifts =
    [
        new(OfficePartyBranch, GeneralFund, 5_000 * FenPerYuan, new DateOnly(2016, 10, 25), "办公室党支部筹集资金5000元。"),
        new(OfficePartyCadres, CondolenceFund, 6_000 * FenPerYuan, new DateOnly(2016, 10, 27), "州委办公室党员干部捐款6000元。"),
    ];

    /// <summary>162 registered poor households with 546 people, in the 9 social units.</summary>
    public static readonly IReadOnlyList<SocialUnitSeed> Units =
    [
        new(1, "一社", Leader: "更尕达杰", Households:
        [
            new("才仁多杰", 3), new("求培才仁", 4), new("求培旦增", 6), new("尕松文江", 3),
            new("旦周南加", 3), new("索南加措", 7), new("尼玛才仁", 2), new("东周尼玛", 3),
            new("洛松旦周", 2), new("格桑卓嘎", 4), new("诺布扎巴", 4), new("拉毛卓嘎", 4),
            new("普措达杰", 4), new("昂文多杰", 3), new("扎西尼玛", 2), new("更尕当周", 4),
            new("旦增拉毛", 4), new("拉毛才措", 2), new("达哇拉措", 1), new("才旦求加", 4),
        ]),
        new(2, "二社", Leader: "俄色尼玛", Households:
        [
            new("索南求措", 3), new("达哇卓玛", 3), new("然丁索南", 5), new("土登昂江", 5),
            new("然丁文江", 1), new("江才加措", 2), new("公保巴德", 1), new("桑周桑丁", 3),
            new("尼玛", 5), new("当周才旦", 6), new("布文桑丁", 3), new("尼玛周措", 5),
            new("索南桑丁", 3), new("尼玛永措", 3), new("格桑卓玛", 3), new("俄色才旦", 4),
            new("白玛桑丁", 2),
        ]),
        new(3, "三社", Leader: "松保尼玛", Households:
        [
            new("土登尖措", 2), new("江才彭措", 2), new("索南", 4), new("次仁卓玛", 4),
            new("桑周仁增", 3), new("松保旦周", 5), new("曲扎求加", 3), new("格桑桑丁", 7),
            new("更登尖措", 4), new("曲扎才旦", 3), new("洛松昂江", 2), new("尕玛加措", 2),
            new("达哇巴丁", 4), new("巴丁桑丁", 2), new("更登旦增", 4), new("仁青索南", 3),
            new("达哇当周", 1), new("卓玛", 2), new("巴桑当周", 2),
        ]),
        new(4, "四社", Leader: "尼玛扎西", Households:
        [
            new("白玛永措", 2), new("东周彭措", 4), new("东周旦周", 1), new("江永文江", 3),
            new("索南卓嘎", 2), new("洛松尕玛", 1), new("曲扎仁增", 6), new("索南求加", 3),
            new("布文尕玛", 4), new("巴丁南加", 5), new("才仁公保", 1), new("才仁尼玛", 5),
            new("尼玛索南", 3), new("索南巴毛", 4), new("吉美昂江", 4), new("央金永措", 2),
        ]),
        new(5, "五社", Leader: "才旦桑丁", Households:
        [
            new("东周巴桑", 6), new("尕玛巴德", 6), new("拉巴才仁", 2), new("文德才旦", 3),
            new("巴丁达杰", 4), new("桑周巴德", 2), new("求培巴丁", 2), new("更登尼玛", 2),
            new("尼玛桑丁", 3), new("次仁求措", 4), new("嘎松昂江", 4), new("尕松尼玛", 3),
            new("更尕旦增", 3), new("旦增卓玛", 3), new("扎西仁增", 3), new("扎西扎巴", 4),
            new("拉巴旦增", 3), new("达哇才措", 3),
        ]),
        new(6, "六社", Leader: "拉巴彭措", Households:
        [
            new("索南巴桑", 4), new("拉巴昂江", 3), new("更尕求措", 4), new("普措仁增", 2),
            new("格桑巴德", 4), new("然丁才仁", 3), new("白玛求措", 3), new("索南巴德", 4),
            new("江才巴丁", 6), new("求培求加", 4), new("松保索南", 1), new("诺布巴丁", 4),
            new("土登达杰", 3), new("拉毛", 3), new("才仁加措", 3), new("更登诺布", 4),
            new("桑周昂江", 5), new("巴桑彭措", 6), new("仁青当周", 3), new("巴丁旦增", 1),
            new("多杰当周", 4),
        ]),
        new(7, "七社", Leader: "普措尕玛", Households:
        [
            new("才仁当周", 5), new("文德江才", 3), new("巴丁巴德", 3), new("央金卓嘎", 3),
            new("仁青尼玛", 1), new("扎西措毛", 5), new("索南卓玛", 3), new("曲扎当周", 5),
            new("尕玛旦周", 3), new("达哇措毛", 2), new("曲扎诺布", 2), new("嘎松江才", 4),
            new("格桑周措", 3), new("次仁措毛", 2), new("昂文桑丁", 2),
        ]),
        new(8, "八社", Leader: "吉美诺布", Households:
        [
            new("久美彭措", 3), new("才旦诺布", 3), new("诺布多杰", 3), new("然丁尼玛", 3),
            new("尕玛", 4), new("土登扎巴", 2), new("尼玛拉措", 4), new("布文多杰", 2),
            new("巴丁昂江", 2), new("拉巴尕玛", 4), new("才仁巴毛", 2), new("达哇仁增", 6),
            new("更尕东周", 3), new("巴丁仁增", 5), new("白玛当周", 6), new("尕松江才", 3),
            new("东周文江", 3), new("达哇才仁", 3), new("达哇永措", 3),
        ]),
        new(9, "九社", Leader: "扎西东周", Households:
        [
            new("更尕巴丁", 6), new("白玛措毛", 4), new("诺布扎西", 2), new("俄色彭措", 2),
            new("白玛巴桑", 4), new("布文巴德", 3), new("俄色巴丁", 1), new("东周仁增", 7),
            new("才仁卓玛", 4), new("然丁昂江", 5), new("布文当周", 3), new("格桑东周", 4),
            new("江才尕玛", 2), new("当周巴德", 6), new("格桑旦增", 6), new("格桑措毛", 4),
            new("东周才仁", 4),
        ]),
    ];

    public static readonly DateOnly OfficeGoodsReceivedOn = new(2016, 10, 27);
    public const string OfficeGoodsNote =
        "州委办公室联点帮扶“输血”措施：为改善村委会和9个社的工作条件，筹集24个种类的443件物资，雇用大卡车10余辆运送。";

    /// <summary>
    /// 443 items in 24 kinds for the committee and the 9 units (one donation line per kind and
    /// recipient). Things worth a label of their own are tracked per unit; chairs, benches,
    /// kettles, stationery and bedding travel as one lot per recipient.
    /// </summary>
    public static readonly IReadOnlyList<GoodsKindSeed> OfficeGoods =
    [
        new("tv", "32英寸液晶电视机", 1_600 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 2, ForEachUnit: Same(1)),
        new("tv-cabinet", "木制电视柜", 600 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 2, ForEachUnit: Same(1)),
        new("filing-cabinet", "钢制双开门文件柜", 600 * FenPerYuan, ItemCondition.Good, TrackingMode.PerUnit, ForCommittee: 6, ForEachUnit: Same(1)),
        new("meeting-table", "会议桌（2.4米）", 1_500 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 4, ForEachUnit: Same(1)),
        new("desk", "办公桌（带抽屉）", 700 * FenPerYuan, ItemCondition.Good, TrackingMode.PerUnit, ForCommittee: 6, ForEachUnit: Same(1)),
        new("meeting-chair", "会议椅", 150 * FenPerYuan, ItemCondition.New, TrackingMode.Lot, ForCommittee: 40, ForEachUnit: [16, 13, 15, 12, 14, 17, 11, 15, 14]),
        new("electric-heater", "电暖气（13片油汀）", 400 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 6, ForEachUnit: Same(2)),
        new("bed", "单人床（1.2米，值班室用）", 500 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 4, ForEachUnit: Same(1)),
        new("sofa", "三人沙发", 2_000 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 2, ForEachUnit: Same(1)),
        new("disinfection-cabinet", "立式消毒柜", 900 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 1, ForEachUnit: Same(1)),
        new("office-chair", "办公椅", 200 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 6, ForEachUnit: Same(1)),
        new("bookshelf", "五层书架", 400 * FenPerYuan, ItemCondition.Good, TrackingMode.PerUnit, ForCommittee: 3, ForEachUnit: Same(0)),
        new("wardrobe", "两门衣柜", 800 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 2, ForEachUnit: Same(0)),
        new("tea-table", "茶几", 300 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 2, ForEachUnit: Same(0)),
        new("bench", "木制长椅", 180 * FenPerYuan, ItemCondition.New, TrackingMode.Lot, ForCommittee: 6, ForEachUnit: Same(4)),
        new("water-dispenser", "立式饮水机", 350 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 2, ForEachUnit: Same(1)),
        new("electric-kettle", "电水壶（1.8升）", 80 * FenPerYuan, ItemCondition.New, TrackingMode.Lot, ForCommittee: 2, ForEachUnit: Same(1)),
        new("rice-cooker", "电饭锅（4升，值班室用）", 200 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 1, ForEachUnit: Same(0)),
        new("computer", "台式电脑（含显示器）", 4_000 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 2, ForEachUnit: Same(0)),
        new("printer", "激光打印机", 1_200 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 1, ForEachUnit: Same(0)),
        new("whiteboard", "移动白板", 300 * FenPerYuan, ItemCondition.New, TrackingMode.PerUnit, ForCommittee: 1, ForEachUnit: Same(0)),
        new("stationery", "办公文具套装", 50 * FenPerYuan, ItemCondition.New, TrackingMode.Lot, ForCommittee: 10, ForEachUnit: Same(2)),
        new("quilt", "棉被（值班室用）", 150 * FenPerYuan, ItemCondition.New, TrackingMode.Lot, ForCommittee: 8, ForEachUnit: Same(1)),
        new("blanket", "毛毯（值班室用）", 120 * FenPerYuan, ItemCondition.New, TrackingMode.Lot, ForCommittee: 8, ForEachUnit: Same(1)),
    ];

    // "价值3万余元": recorded at exactly 30,000 yuan, 1,250 yuan a room. A separate donation, not
    // part of the 443 items: it came later, at the committee's request, from what the post-quake
    // reconstruction had left over.
    public static readonly DateOnly PrefabBuildingReceivedOn = new(2016, 10, 29);
    public const string PrefabBuildingNote = "根据村委会的要求，将灾后重建中留存的2层板房捐赠给村委会。";
    public static readonly GoodsKindSeed PrefabBuilding =
        new("prefab-building", "两层活动板房，每间12平方米，共24间（灾后重建留存）", 1_250 * FenPerYuan, ItemCondition.Used, TrackingMode.PerUnit, ForCommittee: 24, ForEachUnit: Same(0));

    // The diary names no time for the handovers; the goods went out with the trucks that brought them.
    public static readonly DateTime GoodsHandedOverAt = new(2016, 10, 27, 8, 0, 0, DateTimeKind.Utc);
    public const string GoodsHandoverNote = "物资随运送的大卡车交付。";
    public static readonly DateTime PrefabBuildingHandedOverAt = new(2016, 10, 29, 8, 0, 0, DateTimeKind.Utc);
    public const string PrefabBuildingHandoverNote = "板房交付村委会。";

    public static readonly DateOnly CondolenceVisitOn = new(2016, 10, 28);
    public const long CondolencePerHouseholdFen = 500 * FenPerYuan;
    public const string CondolencePurpose = "慰问金：州委副秘书长、办公室主任尕玛才仁带队深入尕拉村调研，走访贫困户。";

    /// <summary>The 12 poor households visited: large families and old people living alone, across the units.</summary>
    public static readonly IReadOnlyList<VisitedHousehold> CondolenceVisits =
    [
        new(1, "索南加措"), new(1, "达哇拉措"), new(2, "当周才旦"), new(3, "格桑桑丁"),
        new(4, "曲扎仁增"), new(5, "东周巴桑"), new(6, "江才巴丁"), new(6, "巴桑彭措"),
        new(7, "仁青尼玛"), new(8, "达哇仁增"), new(9, "东周仁增"), new(9, "俄色巴丁"),
    ];

    public const string SpringPloughingPledge =
        "春耕用种子和化肥：明年春耕时期帮助解决贫困户提出的种子、化肥短缺问题（经州委农办、州农牧局协调）。";
    public static readonly DateOnly SpringPloughingExpectedOn = new(2017, 3, 15);

    private static int[] Same(int perUnit) => [.. Enumerable.Repeat(perUnit, 9)];
}

internal sealed record DonorSeed(string Name, DonorKind Kind, string Note);

internal sealed record FundSeed(string Name, string Purpose);

internal sealed record CashGiftSeed(string Donor, string Fund, long AmountFen, DateOnly ReceivedOn, string Note);

internal sealed record SocialUnitSeed(int Number, string Name, string Leader, IReadOnlyList<HouseholdSeed> Households)
{
    public string Location => "尕拉村" + Name;
}

internal sealed record HouseholdSeed(string HeadOfHousehold, int MemberCount)
{
    /// <summary>The register names a household after its head: 才仁多杰户.</summary>
    public string Name => HeadOfHousehold + "户";
}

/// <summary>One kind of goods and how many go to the committee and to each unit (index 0 is 一社).</summary>
internal sealed record GoodsKindSeed(
    string CategoryCode,
    string Description,
    long EstimatedUnitValueFen,
    ItemCondition Condition,
    TrackingMode Tracking,
    int ForCommittee,
    IReadOnlyList<int> ForEachUnit);

internal sealed record VisitedHousehold(int UnitNumber, string HeadOfHousehold);
