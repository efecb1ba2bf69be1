using System.Globalization;
using System.Text;
using AccelSim.Config.Yaml;
using CsvHelper;

namespace AccelSim.Workloads;

/// <summary>
/// A CSV trace opened for reading with positions: the header's column names (trimmed, lower case), and row by row
/// each field with the line and column it came from, so readers report bad values as file:line:col. Blank rows are
/// skipped.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly CsvReader csv;
    private string raw = "";
    private string[] fields = [];

    private CsvTable(string path, CsvReader csv, string[] header, string headerRaw)
    {
        Path = path;
        this.csv = csv;
        Header = header;
        HeaderRaw = headerRaw;
    }

    public string Path { get; }

    public string[] Header { get; }

    public string HeaderRaw { get; }

    /// <summary>The line of the current row.</summary>
    public int Line { get; private set; }

    /// <summary>Where a quoted field opens that no quote closes (RFC 4180: a quote inside one is doubled), or null.</summary>
    private static (int Line, int Column)? UnclosedQuote(string text)
    {
        int line = 1, column = 0, openLine = 0, openColumn = 0;
        bool quoted = false, fieldStart = true;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            column++;
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    i++;
                    column++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == '"' && fieldStart)
            {
                (quoted, openLine, openColumn) = (true, line, column);
            }

            fieldStart = !quoted && (c is ',' or '\n' || (fieldStart && c is ' ' or '\t'));
            if (c == '\n')
            {
                (line, column) = (line + 1, 0);
            }
        }

        return quoted ? (openLine, openColumn) : null;
    }

    /// <summary>Opens <paramref name="path"/> and reads its header; null (reported) when it cannot be read or is empty.</summary>
    public static CsvTable? Open(string path, Diagnostics diagnostics, SourceLocation referencedFrom, string key, string expected)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!AccelSim.Config.Yaml.InputText.TryRead(path, AccelSim.Config.Yaml.InputText.MaxCsvBytes, out string text, out string error))
        {
            diagnostics.Add(referencedFrom, key, error);
            return null;
        }

        diagnostics.Read(path);
        if (UnclosedQuote(text) is (int line, int column))
        {
            // Otherwise the field would run on to the end of the file and its error echo every line after it.
            diagnostics.Add(new SourceLocation(path, line, column), "", "this quote is never closed: the field would run to the end of the file; close it or remove it");
            return null;
        }

        var options = new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true, TrimWhitespace = true, FormatProvider = CultureInfo.InvariantCulture };
        CsvReader csv = CsvReader.FromText(text, options);
        if (!csv.Read())
        {
            csv.Dispose();
            diagnostics.Add(new SourceLocation(path, 1, 1), "", $"the CSV is empty; expected a header such as {expected}");
            return null;
        }

        string[] header = [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim().ToLowerInvariant())];
        return new CsvTable(path, csv, header, Encoding.UTF8.GetString(csv.RawRecord));
    }

    /// <summary>Reports header names not in <paramref name="known"/> and <paramref name="required"/> ones missing; false when one is missing.</summary>
    public bool CheckColumns(Diagnostics diagnostics, IReadOnlyList<string> known, IEnumerable<string> required)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        for (int i = 0; i < Header.Length; i++)
        {
            if (Header[i].Length > 0 && !known.Contains(Header[i]))
            {
                string? close = Text.Spelling.ClosestMatch(Header[i], known);
                diagnostics.Add(new SourceLocation(Path, 1, ColumnOf(HeaderRaw, i)), Header[i],
                    "unknown column" + (close is null ? $"; the columns are {string.Join(", ", known)}" : $"; did you mean '{close}'?"));
            }
        }

        bool complete = true;
        foreach (string column in required.Where(r => !Header.Contains(r)))
        {
            diagnostics.Add(new SourceLocation(Path, 1, 1), column, "required column is missing");
            complete = false;
        }

        return complete;
    }

    /// <summary>Moves to the next row that is not blank.</summary>
    public bool Read()
    {
        while (csv.Read())
        {
            raw = Encoding.UTF8.GetString(csv.RawRecord);
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            Line = (int)csv.LineNumber;
            fields = [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim())];
            return true;
        }

        return false;
    }

    /// <summary>The current row's field under <paramref name="column"/>, or "" when the row or the header lacks it.</summary>
    public string Field(string column) => Field(Array.IndexOf(Header, column));

    public string Field(int index) => index >= 0 && index < fields.Length ? fields[index] : "";

    /// <summary>Where the current row's field under <paramref name="column"/> starts.</summary>
    public SourceLocation At(string column) => At(Math.Max(0, Array.IndexOf(Header, column)));

    public SourceLocation At(int index) => new(Path, Line, ColumnOf(raw, index));

    public void Dispose() => csv.Dispose();

    /// <summary>The 1-based column where field <paramref name="index"/> of a raw CSV line starts (past leading spaces).</summary>
    internal static int ColumnOf(string raw, int index)
    {
        int column = 0;
        for (int i = 0; i < index; i++)
        {
            int comma = raw.IndexOf(',', column);
            if (comma < 0)
            {
                break;
            }

            column = comma + 1;
        }

        while (column < raw.Length && raw[column] == ' ')
        {
            column++;
        }

        return column + 1;
    }
}
