using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Labels;
using GaLaAid.Api.Tests.Accounts;
using Microsoft.AspNetCore.Hosting;

namespace GaLaAid.Api.Tests.Labels;

/// <summary>The service as deployed behind a public address with a path, configured with a trailing slash.</summary>
public sealed class PublicLabelApp : GaLaAidApp
{
    public const string PublicBaseUrl = "https://aid.gala.example.org/yushu/";

    public static string HandoverUrl(string code) => $"https://aid.gala.example.org/yushu/h/{code}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Labels:PublicBaseUrl", PublicBaseUrl);
    }
}

public sealed class LabelImageTests(PublicLabelApp app) : IClassFixture<PublicLabelApp>
{
    private readonly LedgerScenario scenario = new(app);

    private async Task<HttpResponseMessage> GetAsync(string path, string? apiKey = GaLaAidApp.AdminKey, string? ifNoneMatch = null)
    {
        var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await http.SendAsync(request);
    }

    private async Task<GrayImage> PngAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return PngReader.Read(await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single(JsonNode.Parse(text)!["errors"]!.AsArray())!;
        Assert.Equal(code, (string?)error["extensions"]!["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]), text);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(20)]
    public async Task Png_labels_decode_to_each_items_handover_url_at_every_scale(int scale)
    {
        var items = await scenario.PerUnitAsync(3);

        foreach (var item in items)
        {
            var image = await PngAsync($"/labels/{item.LabelCode}.png?scale={scale}");

            var modules = QrSymbol.Encode(PublicLabelApp.HandoverUrl(item.LabelCode)).Size;
            Assert.True(image.Width >= modules * scale, $"{image.Width} px is narrower than {modules} modules at {scale} px");
            Assert.Equal(PublicLabelApp.HandoverUrl(item.LabelCode), QrDecoding.DecodeSingle(image));
        }
    }

    [Fact]
    public async Task Png_label_is_drawn_at_the_default_scale_of_8_pixels_per_module()
    {
        var item = (await scenario.PerUnitAsync(1))[0];
        var modules = QrSymbol.Encode(PublicLabelApp.HandoverUrl(item.LabelCode)).Size;

        var image = await PngAsync($"/labels/{item.LabelCode}.png");

        Assert.Equal(modules * 8, image.Width);
        Assert.Equal(PublicLabelApp.HandoverUrl(item.LabelCode), QrDecoding.DecodeSingle(image));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(13)]
    public async Task Png_label_shows_the_code_as_text_below_the_qr_quiet_zone(int scale)
    {
        var item = (await scenario.PerUnitAsync(1))[0];
        var modules = QrSymbol.Encode(PublicLabelApp.HandoverUrl(item.LabelCode)).Size;
        var qrBottom = modules * scale;

        var image = await PngAsync($"/labels/{item.LabelCode}.png?scale={scale}");

        // The quiet zone below the symbol stays clear; the text starts below it.
        var symbolEnd = qrBottom - (QrSymbol.QuietZone * scale);
        var band = LabelText.DarkBounds(image, symbolEnd);
        Assert.NotNull(band);
        var (left, top, right, bottom) = band.Value;
        Assert.True(top >= qrBottom, $"text starts at row {top}, inside the quiet zone that ends at row {qrBottom}");
        Assert.True(bottom < image.Height - 1, "the text touches the bottom edge");
        var height = bottom - top + 1;
        Assert.Equal(0, height % LabelGlyphs.GlyphHeight);
        var dot = height / LabelGlyphs.GlyphHeight;
        Assert.True(left > 0 && right < image.Width - 1, "the text touches a side edge");
        Assert.InRange((left + right) / 2.0, (image.Width / 2.0) - dot - 1, (image.Width / 2.0) + dot + 1);
        if (scale >= 8)
        {
            Assert.True(height >= 3 * scale, $"text {height} px high is too small to read on a label drawn at {scale} px per module");
        }

        Assert.Equal(item.LabelCode, LabelText.Read(image, left, top, dot, item.LabelCode.Length));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task Svg_label_is_xml_with_the_code_as_text_and_rects_that_decode_to_the_url(int scale)
    {
        var items = await scenario.PerUnitAsync(2);
        foreach (var item in items)
        {
            using var response = await GetAsync($"/labels/{item.LabelCode}.svg?scale={scale}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);

            var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
            XNamespace ns = "http://www.w3.org/2000/svg";
            var root = svg.Root!;
            Assert.Equal(ns + "svg", root.Name);
            var text = Assert.Single(root.Descendants(ns + "text"));
            Assert.Equal(item.LabelCode, text.Value);
            Assert.Contains("monospace", (string?)text.Attribute("font-family"), StringComparison.Ordinal);

            var viewBox = ((string)root.Attribute("viewBox")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var modules = QrSymbol.Encode(PublicLabelApp.HandoverUrl(item.LabelCode)).Size;
            Assert.Equal(modules, viewBox[2]);
            Assert.True(viewBox[3] > modules, "no room for the text below the symbol");
            Assert.Equal(modules * scale, double.Parse((string)root.Attribute("width")!, CultureInfo.InvariantCulture));
            Assert.True(double.Parse((string)text.Attribute("y")!, CultureInfo.InvariantCulture) > modules, "the text overlaps the symbol");

            var group = Assert.Single(root.Elements(ns + "g"), g => (string?)g.Attribute("id") == "modules");
            Assert.Equal(PublicLabelApp.HandoverUrl(item.LabelCode), QrDecoding.DecodeSingle(Rasterize(group.Elements(ns + "rect"), modules, 4)));
        }
    }

    [Fact]
    public async Task Label_urls_from_graphql_point_at_the_configured_public_address()
    {
        var item = (await scenario.PerUnitAsync(1))[0];

        var data = await app.GraphQL().DataAsync(
            "query($code: String!) { itemByCode(code: $code) { labelCode labelUrl png: labelImageUrl svg: labelImageUrl(format: SVG) } }",
            new { code = item.LabelCode });

        var found = data["itemByCode"]!;
        Assert.Equal(PublicLabelApp.HandoverUrl(item.LabelCode), (string?)found["labelUrl"]);
        Assert.Equal($"https://aid.gala.example.org/yushu/labels/{item.LabelCode}.png", (string?)found["png"]);
        Assert.Equal($"https://aid.gala.example.org/yushu/labels/{item.LabelCode}.svg", (string?)found["svg"]);
        Assert.Equal((string?)found["labelUrl"], QrDecoding.DecodeSingle(await PngAsync(new Uri((string)found["png"]!).AbsolutePath.Replace("/yushu", string.Empty, StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("png")]
    [InlineData("svg")]
    public async Task Label_path_accepts_the_code_in_lower_case_without_dashes(string format)
    {
        var item = (await scenario.PerUnitAsync(1))[0];
        var typed = item.LabelCode.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

        using var response = await GetAsync($"/labels/{typed}.{format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (format == "png")
        {
            Assert.Equal(PublicLabelApp.HandoverUrl(item.LabelCode), QrDecoding.DecodeSingle(PngReader.Read(body)));
        }
        else
        {
            Assert.Contains($">{item.LabelCode}</text>", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("png")]
    [InlineData("svg")]
    public async Task Label_path_refuses_a_mistyped_code_with_400(string format)
    {
        var item = (await scenario.PerUnitAsync(1))[0];
        var code = item.LabelCode;
        // One symbol mistyped: the check symbol catches it.
        var mistyped = code[..3] + (code[3] == '7' ? '8' : '7') + code[4..];

        foreach (var path in new[] { "GL-XXXX", "not-a-code", mistyped, mistyped.ToLowerInvariant() })
        {
            using var response = await GetAsync($"/labels/{path}.{format}");
            await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_LABEL_CODE");
        }
    }

    [Theory]
    [InlineData("png")]
    [InlineData("svg")]
    public async Task Label_path_answers_404_for_a_valid_code_no_item_carries(string format)
    {
        using var response = await GetAsync($"/labels/{LabelCode.NewCode()}.{format}");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "LABEL_NOT_FOUND");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gla_NotAKeyAnybodyWasGiven0123456789abcdef")]
    public async Task Label_images_need_a_signed_in_user(string? apiKey)
    {
        var item = (await scenario.PerUnitAsync(1))[0];

        foreach (var format in new[] { "png", "svg" })
        {
            using var response = await GetAsync($"/labels/{item.LabelCode}.{format}", apiKey);
            await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Theory]
    [InlineData(Role.Volunteer)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.Staff)]
    public async Task Every_role_may_fetch_label_images(Role role)
    {
        var item = (await scenario.PerUnitAsync(1))[0];

        using var response = await GetAsync($"/labels/{item.LabelCode}.png", await app.KeyForAsync(role));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PublicLabelApp.HandoverUrl(item.LabelCode), QrDecoding.DecodeSingle(PngReader.Read(await response.Content.ReadAsByteArrayAsync())));
    }

    [Fact]
    public async Task A_volunteer_signed_in_in_the_browser_gets_label_images_with_the_session_cookie()
    {
        var item = (await scenario.PerUnitAsync(1))[0];
        var browser = Browser.Open(app);

        using (var before = await browser.Http.GetAsync(new Uri($"/labels/{item.LabelCode}.svg", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        }

        await browser.SignInWithKeyAsync(await app.KeyForAsync(Role.Volunteer));
        using var response = await browser.Http.GetAsync(new Uri($"/labels/{item.LabelCode}.svg", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("svg")]
    public async Task Label_images_carry_an_etag_and_answer_304_when_it_matches(string format)
    {
        var item = (await scenario.PerUnitAsync(1))[0];
        using var first = await GetAsync($"/labels/{item.LabelCode}.{format}");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl?.Private, "label images are per user: Cache-Control must be private");

        using var again = await GetAsync($"/labels/{item.LabelCode}.{format}", ifNoneMatch: etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag);

        using var typedDifferently = await GetAsync($"/labels/{item.LabelCode.ToLowerInvariant()}.{format}", ifNoneMatch: $"\"other\", {etag.Tag}");
        Assert.Equal(HttpStatusCode.NotModified, typedDifferently.StatusCode);

        using var stale = await GetAsync($"/labels/{item.LabelCode}.{format}", ifNoneMatch: "\"something-else\"");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(etag, stale.Headers.ETag);

        using var otherScale = await GetAsync($"/labels/{item.LabelCode}.{format}?scale=4", ifNoneMatch: etag.Tag);
        Assert.Equal(HttpStatusCode.OK, otherScale.StatusCode);
        Assert.NotEqual(etag, otherScale.Headers.ETag);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("21")]
    [InlineData("-8")]
    [InlineData("eight")]
    [InlineData("")]
    public async Task Label_images_refuse_a_scale_outside_2_to_20(string scale)
    {
        var item = (await scenario.PerUnitAsync(1))[0];

        using var response = await GetAsync($"/labels/{item.LabelCode}.png?scale={scale}");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_SCALE");
    }

    [Fact]
    public void Png_encoder_crc_matches_an_independent_crc32()
    {
        Assert.Equal(0xAE426082u, PngEncoder.Crc32("IEND"u8));
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(PngReader.Crc32(bytes), PngEncoder.Crc32(bytes));
        Assert.Equal(PngReader.Crc32(bytes), PngEncoder.Crc32(bytes.AsSpan(400), PngEncoder.Crc32(bytes.AsSpan(0, 400))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Png_reader_undoes_every_filter_type(byte filter)
    {
        const int width = 37;
        const int height = 23;
        var random = new Random(filter);
        var expected = new byte[width * height];
        random.NextBytes(expected);

        var filtered = new MemoryStream();
        var previous = new byte[width];
        for (var y = 0; y < height; y++)
        {
            var line = expected.AsSpan(y * width, width).ToArray();
            filtered.WriteByte(filter);
            for (var x = 0; x < width; x++)
            {
                int left = x > 0 ? line[x - 1] : 0, up = previous[x], upLeft = x > 0 ? previous[x - 1] : 0;
                var predictor = filter switch { 0 => 0, 1 => left, 2 => up, 3 => (left + up) / 2, _ => PngReader.Paeth(left, up, upLeft) };
                filtered.WriteByte((byte)(line[x] - predictor));
            }

            previous = line;
        }

        var image = PngReader.Read(Grey8Png(width, height, filtered.ToArray()));

        Assert.Equal(expected, image.Pixels);
    }

    private static byte[] Grey8Png(int width, int height, byte[] scanlines)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(scanlines);
        }

        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var number = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(typed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(number, PngReader.Crc32(typed));
        png.Write(number);
    }

    /// <summary>Draws SVG rects (in module units) on white at <paramref name="scale"/> pixels per module.</summary>
    public static GrayImage Rasterize(IEnumerable<XElement> rects, int modules, int scale)
    {
        var side = modules * scale;
        var pixels = Enumerable.Repeat((byte)255, side * side).ToArray();
        foreach (var rect in rects)
        {
            int Read(string name) => int.Parse((string)rect.Attribute(name)!, CultureInfo.InvariantCulture);
            var (x, y, w, h) = (Read("x"), Read("y"), Read("width"), Read("height"));
            for (var py = y * scale; py < (y + h) * scale; py++)
            {
                Array.Fill(pixels, (byte)0, (py * side) + (x * scale), w * scale);
            }
        }

        return new GrayImage(side, side, pixels);
    }
}
