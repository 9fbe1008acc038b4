namespace GaLaAid.Benchmarks.Data;

/// <summary>Name pools for realistic text: Tibetan personal names as Yushu households write them in Chinese, place and office names.</summary>
internal static class Names
{
    public static readonly string[] TibetanSyllables =
    [
        "才仁", "扎西", "卓玛", "尼玛", "索南", "多杰", "拉毛", "东周", "彭措", "次仁", "求措", "吉美",
        "诺布", "普措", "尕玛", "仁青", "加措", "桑丁", "巴桑", "央金", "措姆", "文德", "格桑", "旦增",
    ];

    public static readonly string[] PlaceSyllables =
    [
        "尕拉", "结古", "巴塘", "隆宝", "拉秀", "仲达", "安冲", "苏莽", "哈秀", "称多", "歇武", "珍秦",
        "清水", "扎朵", "尕朵", "治多", "多彩", "立新", "索加", "曲麻", "秋智", "玉树", "囊谦", "杂多",
    ];

    public static readonly string[] UnitNumerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

    public static readonly string[] Offices =
    [
        "农牧局", "教育局", "民政局", "财政局", "交通运输局", "水利局", "卫生健康委", "住建局", "林草局", "文体旅游局",
        "统战部", "组织部", "宣传部", "政法委", "发改委", "审计局", "税务局", "人社局", "商务局", "供销社",
    ];

    public static readonly string[] HanSurnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "马", "韩"];

    public static readonly string[] HanGivenNames = ["建国", "海燕", "志强", "丽华", "文斌", "秀英", "国庆", "晓东", "明", "静", "伟", "芳"];

    public static readonly string[] CompanyWords = ["商贸", "建筑", "电力", "农业", "物流", "通信", "药业", "乳业"];

    public static readonly string[] Conditions = ["New", "New", "New", "Good", "Good", "Used"];

    public static readonly string[] DisbursementPurposes =
    [
        "慰问金：走访慰问贫困户。", "助学金：资助家庭困难学生。", "临时救助：因病致贫家庭。", "生产发展：购买种畜。", "春耕补助：种子化肥。",
    ];

    public static string Pick(this Random random, string[] pool) => pool[random.Next(pool.Length)];

    public static string TibetanName(Random random) => random.Pick(TibetanSyllables) + random.Pick(TibetanSyllables);

    public static string HanName(Random random) => random.Pick(HanSurnames) + random.Pick(HanGivenNames);

    /// <summary>A distinct village name for each index below 576.</summary>
    public static string Village(int index) =>
        PlaceSyllables[index % PlaceSyllables.Length] + PlaceSyllables[(index / PlaceSyllables.Length + index) % PlaceSyllables.Length] + "村";
}
