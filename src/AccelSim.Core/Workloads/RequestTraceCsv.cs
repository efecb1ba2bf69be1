using System.Globalization;
using System.Text;
using AccelSim.Config.Yaml;
using CsvHelper;

namespace AccelSim.Workloads;

/// <summary>
/// Reads a request trace: a CSV with a <c>context_length</c> column (tokens in each request's KV cache when
/// decoding starts) and optionally a <c>request</c> column naming it. One row per request; bad rows are reported by
/// line and column, all at once.
/// </summary>
public static class RequestTraceCsv
{
    private static readonly string[] Columns = ["request", "context_length"];

    public static IReadOnlyList<int>? Load(string path, Diagnostics diagnostics, SourceLocation referencedFrom)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(referencedFrom, "context.csv", $"cannot read '{path}': {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}");
            return null;
        }

        var options = new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true, TrimWhitespace = true, FormatProvider = CultureInfo.InvariantCulture };
        using CsvReader csv = CsvReader.FromText(text, options);
        if (!csv.Read())
        {
            diagnostics.Add(new SourceLocation(path, 1, 1), "", "the CSV is empty; expected a header with context_length");
            return null;
        }

        string headerRaw = Encoding.UTF8.GetString(csv.RawRecord);
        string[] header = [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim().ToLowerInvariant())];
        for (int i = 0; i < header.Length; i++)
        {
            if (!Columns.Contains(header[i]))
            {
                string? close = Text.Spelling.ClosestMatch(header[i], Columns);
                diagnostics.Add(new SourceLocation(path, 1, GemmTraceCsv.ColumnOf(headerRaw, i)), header[i],
                    "unknown column" + (close is null ? $"; the columns are {string.Join(", ", Columns)}" : $"; did you mean '{close}'?"));
            }
        }

        int column = Array.IndexOf(header, "context_length");
        if (column < 0)
        {
            diagnostics.Add(new SourceLocation(path, 1, 1), "context_length", "required column is missing");
            return null;
        }

        var contexts = new List<int>();
        while (csv.Read())
        {
            string raw = Encoding.UTF8.GetString(csv.RawRecord);
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            string value = column < csv.FieldCount ? csv.GetString(column).Trim() : "";
            if (MappingReader.ParseInt(value, 1, 1 << 24, out int context, out string error))
            {
                contexts.Add(context);
            }
            else
            {
                diagnostics.Add(new SourceLocation(path, (int)csv.LineNumber, GemmTraceCsv.ColumnOf(raw, column)), "context_length",
                    value.Length == 0 ? "missing value" : error);
            }
        }

        if (contexts.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Add(new SourceLocation(path, 1, 1), "", "the trace has a header but no requests");
        }

        return diagnostics.HasErrors ? null : contexts;
    }
}
