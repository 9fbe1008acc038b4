using System.Buffers.Binary;
using System.Collections.Concurrent;
using PdfSharp.Fonts;
using Serilog;

namespace GaLaAid.Api.Labels;

/// <summary>The font the PDF sheets write Chinese text with, or why there is none.</summary>
public sealed record LabelFont(string? Family, string? Path, string? Problem)
{
    public bool IsAvailable => Family is not null;
}

/// <summary>
/// Finds a TrueType font with Chinese glyphs for the PDF sheets: <c>Labels:FontPath</c> when it is
/// set and usable, otherwise (unless <c>Labels:SearchSystemFonts</c> is false) the first of the
/// well-known CJK fonts in the system's font folders. The lookup runs once per process and
/// setting, so a font installed later is picked up at the next start.
/// </summary>
public static class LabelFonts
{
    public const string InstallHint = "apt-get install fonts-wqy-microhei";

    /// <summary>Preferred first: fonts with TrueType outlines that PDFsharp can subset.</summary>
    private static readonly string[] KnownFiles =
    [
        "wqy-microhei.ttc", "wqy-zenhei.ttc", "DroidSansFallbackFull.ttf", "DroidSansFallback.ttf",
        "NotoSansSC-Regular.ttf", "NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "msyh.ttc", "msyh.ttf",
        "simhei.ttf", "simsun.ttc", "uming.ttc", "ukai.ttc",
    ];

    private static readonly ConcurrentDictionary<(string FontPath, bool Search), Lazy<LabelFont>> Found = new();

    public static LabelFont For(LabelOptions options) =>
        Found.GetOrAdd((options.FontPath, options.SearchSystemFonts), key => new Lazy<LabelFont>(() => Locate(key.FontPath, key.Search))).Value;

    private static LabelFont Locate(string fontPath, bool searchSystemFonts)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(fontPath))
        {
            if (TryLoad(fontPath, out var family, out var problem))
            {
                return new LabelFont(family, fontPath, null);
            }

            Log.Warning("Labels:FontPath {FontPath} cannot be used: {Problem}", fontPath, problem);
            problems.Add($"Labels:FontPath '{fontPath}' cannot be used: {problem}");
        }

        if (searchSystemFonts)
        {
            foreach (var candidate in SystemCandidates())
            {
                if (TryLoad(candidate, out var family, out var problem))
                {
                    return new LabelFont(family, candidate, null);
                }

                Log.Warning("Font {FontPath} cannot be used for PDF labels: {Problem}", candidate, problem);
            }

            problems.Add("no Chinese TrueType font was found in the system's font folders");
        }
        else
        {
            problems.Add("the system's font folders are not searched (Labels:SearchSystemFonts is false)");
        }

        return new LabelFont(null, null,
            "PDF labels need a TrueType font with Chinese glyphs, and " + string.Join("; ", problems) + ". "
            + $"Install one ({InstallHint}) or set Labels:FontPath to a .ttf or .ttc file, then restart the service. "
            + "The HTML sheet (/labels/print) works without it.");
    }

    private static IEnumerable<string> SystemCandidates()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string[] folders =
        [
            "/usr/share/fonts", "/usr/local/share/fonts",
            Path.Combine(home, ".local", "share", "fonts"), Path.Combine(home, ".fonts"),
            "/Library/Fonts", "/System/Library/Fonts",
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.Windows), "Fonts"),
        ];
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var walk = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 6 };
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.tt?", walk).Concat(Directory.EnumerateFiles(folder, "*.otf", walk)))
            {
                found.TryAdd(Path.GetFileName(file), file);
            }
        }

        return KnownFiles.Where(found.ContainsKey).Select(name => found[name]);
    }

    private static bool TryLoad(string path, out string? family, out string? problem)
    {
        family = null;
        try
        {
            if (!File.Exists(path))
            {
                problem = "the file does not exist";
                return false;
            }

            family = CjkFontResolver.Register(Path.GetFullPath(path));
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            problem = ex.Message;
            return false;
        }
    }
}

/// <summary>
/// PDFsharp's font resolver is one per process (GlobalFontSettings), while every service instance
/// may be configured with its own font; so this one resolver serves every font registered with it,
/// each under a family name of its own, and loads each file only once.
/// </summary>
public sealed class CjkFontResolver : IFontResolver
{
    private static readonly CjkFontResolver Instance = new();
    private static readonly Lock InstallLock = new();
    private static readonly ConcurrentDictionary<string, Lazy<(string Family, byte[] Face)>> ByPath = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, byte[]> ByFamily = new(StringComparer.OrdinalIgnoreCase);
    private static bool installed;

    /// <summary>Loads the file (the first face of a collection) and returns the family name to ask PDFsharp for.</summary>
    public static string Register(string fullPath)
    {
        Install();
        var entry = ByPath.GetOrAdd(fullPath, path => new Lazy<(string, byte[])>(() =>
        {
            var face = TrueTypeFace.FirstFace(File.ReadAllBytes(path));
            var family = $"GaLaAid CJK {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)))[..12]}";
            ByFamily[family] = face;
            return (family, face);
        }));
        try
        {
            return entry.Value.Family;
        }
        catch
        {
            // A failed load is not cached: the file may be fixed or installed later.
            ByPath.TryRemove(new KeyValuePair<string, Lazy<(string Family, byte[] Face)>>(fullPath, entry));
            throw;
        }
    }

    private static void Install()
    {
        lock (InstallLock)
        {
            if (!installed)
            {
                GlobalFontSettings.FontResolver = Instance;
                installed = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        ByFamily.ContainsKey(familyName)
            ? new FontResolverInfo(familyName)
            : PlatformFontResolver.ResolveTypeface(familyName, bold, italic);

    public byte[]? GetFont(string faceName) => ByFamily.TryGetValue(faceName, out var face) ? face : null;
}

/// <summary>
/// Reads TrueType files for PDFsharp, which takes one face as a standalone font: a collection
/// (.ttc) is cut down to its first face, its tables copied and their offsets rewritten.
/// </summary>
public static class TrueTypeFace
{
    private const uint TrueTypeVersion = 0x00010000;
    private const uint TrueTag = 0x74727565; // 'true', old Apple TrueType
    private const uint CollectionTag = 0x74746366; // 'ttcf'
    private const uint OpenTypeCffTag = 0x4F54544F; // 'OTTO'

    public static byte[] FirstFace(byte[] file)
    {
        Require(file.Length >= 12, "the file is too short to be a font");
        var tag = BinaryPrimitives.ReadUInt32BigEndian(file);
        if (tag == CollectionTag)
        {
            var faces = ReadUInt32(file, 8);
            Require(faces >= 1 && file.Length >= 16, "the font collection holds no font");
            return Extract(file, (int)ReadUInt32(file, 12));
        }

        CheckDirectory(file, 0);
        return file;
    }

    private static byte[] Extract(byte[] file, int directory)
    {
        var tables = CheckDirectory(file, directory);
        var headerLength = 12 + (16 * tables.Count);
        var length = headerLength + tables.Sum(t => Align4(t.Length));
        var face = new byte[length];
        Array.Copy(file, directory, face, 0, 12);
        var position = headerLength;
        var headOffset = -1;
        for (var i = 0; i < tables.Count; i++)
        {
            var table = tables[i];
            var record = 12 + (16 * i);
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(record), table.Tag);
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(record + 4), table.Checksum);
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(record + 8), (uint)position);
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(record + 12), (uint)table.Length);
            Array.Copy(file, table.Offset, face, position, table.Length);
            if (table.Tag == 0x68656164)
            {
                headOffset = position;
            }

            position += Align4(table.Length);
        }

        Require(headOffset >= 0 && tables.First(t => t.Tag == 0x68656164).Length >= 12, "the font has no usable 'head' table");
        // The whole-file checksum in 'head' must be recomputed for the new file (OpenType spec, 'head' table).
        BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(headOffset + 8), 0);
        uint sum = 0;
        for (var i = 0; i < face.Length; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(face.AsSpan(i)));
        }

        BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(headOffset + 8), unchecked(0xB1B0AFBA - sum));
        return face;
    }

    private static List<(uint Tag, uint Checksum, int Offset, int Length)> CheckDirectory(byte[] file, int directory)
    {
        Require(directory >= 0 && directory + 12 <= file.Length, "the font's table directory lies outside the file");
        var version = ReadUInt32(file, directory);
        Require(version != OpenTypeCffTag, "the font has PostScript (CFF) outlines; PDF labels need TrueType outlines");
        Require(version is TrueTypeVersion or TrueTag, "the file is not a TrueType font");
        var count = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(directory + 4));
        Require(directory + 12 + (16 * count) <= file.Length, "the font's table directory is cut off");
        var tables = new List<(uint, uint, int, int)>(count);
        for (var i = 0; i < count; i++)
        {
            var record = directory + 12 + (16 * i);
            var offset = ReadUInt32(file, record + 8);
            var length = ReadUInt32(file, record + 12);
            Require(offset + (ulong)length <= (ulong)file.Length, "a font table lies outside the file");
            tables.Add((ReadUInt32(file, record), ReadUInt32(file, record + 4), (int)offset, (int)length));
        }

        foreach (var required in new[] { "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp" })
        {
            var tag = BinaryPrimitives.ReadUInt32BigEndian(System.Text.Encoding.ASCII.GetBytes(required));
            Require(tables.Exists(t => t.Item1 == tag), $"the font has no '{required}' table");
        }

        return tables;
    }

    private static uint ReadUInt32(byte[] file, int offset)
    {
        Require(offset >= 0 && offset + 4 <= file.Length, "the font file is cut off");
        return BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset));
    }

    private static int Align4(int length) => (length + 3) & ~3;

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidDataException(problem);
        }
    }
}
