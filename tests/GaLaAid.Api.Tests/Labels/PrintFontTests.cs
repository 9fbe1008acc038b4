using System.Buffers.Binary;
using System.Net;
using GaLaAid.Api.Labels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace GaLaAid.Api.Tests.Labels;

/// <summary>The service configured with a font file that is not there and no system search: as on a machine without a Chinese font.</summary>
public sealed class GaLaAidAppWithoutFont : GaLaAidApp
{
    public const string MissingFont = "/nonexistent/galaaid/no-such-font.ttc";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Labels:FontPath", MissingFont);
        builder.UseSetting("Labels:SearchSystemFonts", "false");
    }
}

public sealed class PrintFontMissingTests(GaLaAidAppWithoutFont app) : IClassFixture<GaLaAidAppWithoutFont>
{
    private readonly PrintSheets sheets = new(app);

    [Fact]
    public async Task Without_a_font_the_pdf_is_refused_with_503_naming_the_setting_and_the_package_while_the_html_sheet_works()
    {
        var donation = await sheets.TelevisionsAsync(2);

        using var pdf = await sheets.GetAsync($"/labels/print.pdf?donationId={donation.Id}");
        var message = await PrintSheets.RefusedAsync(pdf, HttpStatusCode.ServiceUnavailable, "PDF_FONT_MISSING");

        Assert.Contains("Labels:FontPath", message, StringComparison.Ordinal);
        Assert.Contains(GaLaAidAppWithoutFont.MissingFont, message, StringComparison.Ordinal);
        Assert.Contains("apt-get install fonts-wqy-microhei", message, StringComparison.Ordinal);
        Assert.Contains("/labels/print", message, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryDatabaseAsync(db => db.LabelPrintJobs.CountAsync()));

        var html = await sheets.HtmlAsync($"donationId={donation.Id}");
        Assert.Equal(donation.Items.Select(i => i.LabelCode), PrintSheets.Sheets(html).SelectMany(p => p));
        Assert.Equal(1, await app.QueryDatabaseAsync(db => db.LabelPrintJobs.CountAsync()));
    }
}

public sealed class PrintFontTests
{
    private const string MicroHei = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    [SkippableFact]
    public void The_first_face_of_a_collection_becomes_a_standalone_TrueType_font_with_valid_checksums()
    {
        Skip.IfNot(File.Exists(MicroHei), $"{MicroHei} is not installed (apt-get install fonts-wqy-microhei).");
        var collection = File.ReadAllBytes(MicroHei);

        var face = TrueTypeFace.FirstFace(collection);

        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(face));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(face.AsSpan(4));
        Assert.True(face.Length < collection.Length);
        for (var i = 0; i < tables; i++)
        {
            var record = face.AsSpan(12 + (16 * i));
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            Assert.Equal(0, offset % 4);
            Assert.InRange(offset + length, 0, face.Length);
            if (tag != "head")
            {
                Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(record[4..]), Checksum(face.AsSpan(offset, length)));
            }
        }

        // The whole font sums to the magic number once 'head' carries the new checkSumAdjustment.
        Assert.Equal(0xB1B0AFBAu, Checksum(face));
    }

    [Fact]
    public void A_file_that_is_not_a_TrueType_font_is_refused_with_the_reason()
    {
        Assert.Contains("too short", Assert.Throws<InvalidDataException>(() => TrueTypeFace.FirstFace(new byte[8])).Message, StringComparison.Ordinal);
        var cff = new byte[64];
        "OTTO"u8.CopyTo(cff);
        Assert.Contains("CFF", Assert.Throws<InvalidDataException>(() => TrueTypeFace.FirstFace(cff)).Message, StringComparison.Ordinal);
        var truncated = new byte[64];
        BinaryPrimitives.WriteUInt32BigEndian(truncated, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(truncated.AsSpan(4), 40);
        Assert.Contains("cut off", Assert.Throws<InvalidDataException>(() => TrueTypeFace.FirstFace(truncated)).Message, StringComparison.Ordinal);
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        Span<byte> word = stackalloc byte[4];
        for (var i = 0; i < data.Length; i += 4)
        {
            word.Clear();
            data.Slice(i, Math.Min(4, data.Length - i)).CopyTo(word);
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(word));
        }

        return sum;
    }
}
