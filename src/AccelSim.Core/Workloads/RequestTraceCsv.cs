using AccelSim.Config.Yaml;

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
        using CsvTable? table = CsvTable.Open(path, diagnostics, referencedFrom, "context.csv", "request,context_length");
        if (table is null || !table.CheckColumns(diagnostics, Columns, ["context_length"]))
        {
            return null;
        }

        var contexts = new List<int>();
        while (table.Read())
        {
            string value = table.Field("context_length");
            if (MappingReader.ParseInt(value, 1, 1 << 24, out int context, out string error))
            {
                contexts.Add(context);
            }
            else
            {
                diagnostics.Add(table.At("context_length"), "context_length", value.Length == 0 ? "missing value" : error);
            }
        }

        if (contexts.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Add(new SourceLocation(path, 1, 1), "", "the trace has a header but no requests");
        }

        return diagnostics.HasErrors ? null : contexts;
    }
}
