using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Workloads;

/// <summary>
/// Reads a CSV GEMM trace. AccelSim's columns are <c>name,m,n,k</c> and optionally <c>activation_format,
/// weight_format,group_size,repeat,depends_on</c> (dependencies separated by ';'). SCALE-Sim's topology CSV
/// (<c>Layer,M,N,K,</c>) and its convolution topology (<see cref="ScaleSimConvTopology"/>) are read as they are,
/// with INT8 operands, which the workload's notes say.
/// </summary>
public static class GemmTraceCsv
{
    private static readonly string[] Columns = ["name", "m", "n", "k", "activation_format", "weight_format", "group_size", "repeat", "depends_on"];

    public static Workload? Load(string path, Diagnostics diagnostics)
    {
        using CsvTable? table = CsvTable.Open(path, diagnostics, new SourceLocation(path, 1, 1), "", "name,m,n,k");
        if (table is null)
        {
            return null;
        }

        if (ScaleSimConvTopology.IsConvHeader(table.Header))
        {
            List<Operation> convs = ScaleSimConvTopology.Read(table, diagnostics);
            if (convs.Count == 0 && !diagnostics.HasErrors)
            {
                diagnostics.Add(new SourceLocation(path, 1, 1), "", "the topology has a header but no layers");
            }

            return diagnostics.HasErrors ? null : new Workload(Path.GetFileNameWithoutExtension(path), path, convs,
                ["SCALE-Sim convolution topology: each layer lowered to its im2col GEMM (M output pixels, N filters, K filter height × width × channels), INT8 operands (SCALE-Sim's 1-byte words)"]);
        }

        bool scaleSim = table.Header.Length > 0 && table.Header[0] == "layer";
        string[] names = scaleSim ? ["name", "m", "n", "k"] : table.Header;
        if (!scaleSim && !table.CheckColumns(diagnostics, Columns, Columns.Take(4)))
        {
            return null;
        }

        var ops = new List<Operation>();
        NumericFormat int8 = NumericFormats.Parse("int8");
        while (table.Read())
        {
            int line = table.Line;
            string Field(string column) => table.Field(Array.IndexOf(names, column));
            SourceLocation At(string column) => table.At(Math.Max(0, Array.IndexOf(names, column)));
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
}
