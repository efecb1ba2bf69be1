using System.Globalization;
using AccelSim.Config.Yaml;
using AccelSim.Numerics;
using System.Text;
using CsvHelper;

namespace AccelSim.Workloads;

/// <summary>
/// Reads a CSV GEMM trace. AccelSim's columns are <c>name,m,n,k</c> and optionally <c>activation_format,
/// weight_format,group_size,repeat,depends_on</c> (dependencies separated by ';'). SCALE-Sim's topology CSV
/// (<c>Layer,M,N,K,</c>) is read as is, with INT8 operands, which the workload's notes say.
/// </summary>
public static class GemmTraceCsv
{
    private static readonly string[] Columns = ["name", "m", "n", "k", "activation_format", "weight_format", "group_size", "repeat", "depends_on"];

    public static Workload? Load(string path, Diagnostics diagnostics)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new SourceLocation(path, 1, 1), "", $"cannot read '{path}': {(e is FileNotFoundException ? "no such file" : e.Message)}");
            return null;
        }

        var options = new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true, TrimWhitespace = true, FormatProvider = CultureInfo.InvariantCulture };
        using CsvReader csv = CsvReader.FromText(text, options);
        if (!csv.Read())
        {
            diagnostics.Add(new SourceLocation(path, 1, 1), "", "the CSV is empty; expected a header such as name,m,n,k");
            return null;
        }

        string[] header = [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim())];
        string headerRaw = Encoding.UTF8.GetString(csv.RawRecord);
        bool scaleSim = header.Length > 0 && header[0].Equals("Layer", StringComparison.OrdinalIgnoreCase);
        string[] names = scaleSim ? ["name", "m", "n", "k"] : [.. header.Select(h => h.ToLowerInvariant())];
        for (int i = 0; i < names.Length && !scaleSim; i++)
        {
            if (names[i].Length > 0 && !Columns.Contains(names[i]))
            {
                string? close = Text.Spelling.ClosestMatch(names[i], Columns);
                diagnostics.Add(new SourceLocation(path, 1, ColumnOf(headerRaw, i)), names[i],
                    "unknown column" + (close is null ? $"; the columns are {string.Join(", ", Columns)}" : $"; did you mean '{close}'?"));
            }
        }

        bool missing = false;
        foreach (string required in Columns.Take(4).Where(r => !names.Contains(r)))
        {
            diagnostics.Add(new SourceLocation(path, 1, 1), required, "required column is missing");
            missing = true;
        }

        if (missing)
        {
            return null;
        }

        var ops = new List<Operation>();
        NumericFormat int8 = NumericFormats.Parse("int8");
        while (csv.Read())
        {
            int line = (int)csv.LineNumber;
            string raw = Encoding.UTF8.GetString(csv.RawRecord);
            string[] fields = [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i))];
            string Field(string column)
            {
                int index = Array.IndexOf(names, column);
                return index >= 0 && index < fields.Length ? fields[index] : "";
            }

            SourceLocation At(string column) => new(path, line, ColumnOf(raw, Math.Max(0, Array.IndexOf(names, column))));
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            string name = Field("name");
            int Dimension(string column)
            {
                if (MappingReader.ParseInt(Field(column), 1, int.MaxValue, out int value, out string error))
                {
                    return value;
                }

                diagnostics.Add(At(column), $"{name}.{column}", error);
                return 1;
            }

            NumericFormat Format(string column)
            {
                string value = Field(column);
                if (value.Length == 0)
                {
                    return int8;
                }

                if (NumericFormats.TryParse(value, out NumericFormat? format, out string? error))
                {
                    return format;
                }

                diagnostics.Add(At(column), $"{name}.{column}", error!);
                return int8;
            }

            int m = Dimension("m"), n = Dimension("n"), k = Dimension("k");
            NumericFormat activation = Format("activation_format");
            NumericFormat weight = Format("weight_format");
            int repeat = Field("repeat").Length == 0 ? 1 : Dimension("repeat");
            if (Field("group_size").Length > 0)
            {
                int group = Dimension("group_size");
                if (NumericFormats.TryParse($"{weight.Name}-g{group}", out NumericFormat? grouped, out _))
                {
                    weight = grouped;
                }
                else
                {
                    diagnostics.Add(At("group_size"), $"{name}.group_size", $"{weight.Name} cannot take a group size; use a group-wise weight_format such as int4-g{group}");
                }
            }

            string[] deps = Field("depends_on").Split([';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (name.Length == 0)
            {
                diagnostics.Add(At("name"), "name", "every row needs a name");
            }

            ops.Add(new GemmOp(name, m, n, k, activation, weight, repeat, deps, new SourceLocation(path, line, 1)));
        }

        if (ops.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Add(new SourceLocation(path, 1, 1), "", "the trace has a header but no operations");
        }

        IReadOnlyList<string> notes = scaleSim ? ["SCALE-Sim topology CSV: operands taken as INT8 (SCALE-Sim's 1-byte words)"] : [];
        if (diagnostics.HasErrors)
        {
            OpGraph.Build(ops, diagnostics);
            return null;
        }

        return new Workload(Path.GetFileNameWithoutExtension(path), path, ops, notes);
    }

    /// <summary>The 1-based character column where field <paramref name="index"/> of a raw CSV line starts (unquoted fields).</summary>
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
