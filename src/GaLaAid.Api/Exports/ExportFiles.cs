using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace GaLaAid.Api.Exports;

/// <summary>Writes a dataset as CSV or XLSX, row by row, never holding the whole dataset in memory.</summary>
public static class ExportFiles
{
    /// <summary>
    /// UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese text as UTF-8, written
    /// straight to the response: CsvHelper writes a record into its buffer and, when the buffer is
    /// mostly full, out to the body asynchronously.
    /// </summary>
    public static async Task WriteCsvAsync(ExportDataset dataset, ExportRequest request, Stream body)
    {
        var cancellationToken = request.CancellationToken;
        await using var csv = CsvWriter.Create(body, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true);
        await csv.WriteRecordAsync([.. dataset.Columns.Select(c => c.Header)], cancellationToken);
        var fields = new string[dataset.Columns.Count];
        await foreach (var cells in dataset.Rows(request).WithCancellation(cancellationToken))
        {
            for (var i = 0; i < cells.Length; i++)
            {
                fields[i] = CsvCell(cells[i], dataset.Columns[i].Kind);
            }

            await csv.WriteRecordAsync(fields, cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// MiniExcel closes its zip archive with synchronous writes (mini-software/MiniExcel#904), which
    /// the response body refuses; so the workbook is streamed into a temporary file that deletes
    /// itself on close, and that file is copied to the response.
    /// </summary>
    public static async Task<FileStream> WriteXlsxAsync(ExportDataset dataset, ExportRequest request)
    {
        var path = Path.Combine(Path.GetTempPath(), $"galaaid-export-{Guid.NewGuid():N}.xlsx");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await file.SaveAsAsync(XlsxRows(dataset, request), printHeader: false, sheetName: SheetName(dataset.Name),
                excelType: ExcelType.XLSX, cancellationToken: request.CancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A formula injected through donated text (a donor named <c>=HYPERLINK(…)</c>) must not run when
    /// the file is opened: a text cell starting with =, +, -, @, tab or carriage return gets a leading
    /// apostrophe, unless it is a plain number such as -5.
    /// </summary>
    public static string CsvCell(object? value, ExportValueKind kind) => value switch
    {
        null => string.Empty,
        string text when kind == ExportValueKind.Text => Defused(text),
        _ => Format(value),
    };

    public static string Defused(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? "'" + text
            : text;

    private static string Format(object value) => value switch
    {
        decimal money => money.ToString("0.00", CultureInfo.InvariantCulture),
        DateTime time => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The header row, then one row per record; numbers stay numbers, times and dates are ISO-8601 text.</summary>
    private static async IAsyncEnumerable<Dictionary<string, object?>> XlsxRows(ExportDataset dataset, ExportRequest request)
    {
        var keys = dataset.Columns.Select((_, i) => "c" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        yield return Row(keys, dataset.Columns.Select(c => (object?)c.Header).ToArray());
        await foreach (var cells in dataset.Rows(request).WithCancellation(request.CancellationToken))
        {
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = cells[i] switch
                {
                    DateTime or DateOnly => Format(cells[i]!),
                    _ => cells[i],
                };
            }

            yield return Row(keys, cells);
        }
    }

    private static Dictionary<string, object?> Row(string[] keys, object?[] cells)
    {
        var row = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            row[keys[i]] = cells[i];
        }

        return row;
    }

    private static string SheetName(string name) => name.Length <= 31 ? name : name[..31];
}
