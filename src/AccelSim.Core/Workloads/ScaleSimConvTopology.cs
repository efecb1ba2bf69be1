using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Workloads;

/// <summary>
/// SCALE-Sim's convolution topology (<c>Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width,
/// Channels, Num Filter, Strides,</c>, a second stride column optional), lowered to GEMMs as SCALE-Sim lowers them
/// (scalesim/topology_utils.py): an output of ⌈(H − Fh + S) / S⌉ × ⌈(W − Fw + S) / S⌉ pixels, M = output pixels,
/// N = filters, K = Fh · Fw · channels (im2col). A layer whose name contains "DP" is depthwise, as in SCALE-Sim: one
/// single-channel layer per channel, here one operation repeated once per channel. Operands are INT8.
/// </summary>
public static class ScaleSimConvTopology
{
    public static bool IsConvHeader(string[] header) => header.Length >= 8 && header[0] == "layer name" && header[1] == "ifmap height";

    internal static List<Operation> Read(CsvTable table, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(diagnostics);
        string[] columns = ["ifmap height", "ifmap width", "filter height", "filter width", "channels", "num filter", "strides"];
        NumericFormat int8 = NumericFormats.Parse("int8");
        var ops = new List<Operation>();
        while (table.Read())
        {
            string name = table.Field(0);
            var values = new int[columns.Length + 1];
            bool ok = true;
            for (int c = 0; c <= columns.Length; c++)
            {
                // A second stride (width) may follow the first; it defaults to it, as SCALE-Sim's does.
                string text = table.Field(c + 1);
                if (c == columns.Length && text.Length == 0)
                {
                    values[c] = values[c - 1];
                }
                else if (!MappingReader.ParseInt(text, 1, int.MaxValue, out values[c], out string error))
                {
                    diagnostics.Add(table.At(c + 1), $"{name}.{(c < columns.Length ? columns[c] : "stride width")}", error);
                    ok = false;
                }
            }

            (int h, int w, int fh, int fw, int channels, int filters, int sh, int sw) =
                (values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]);
            if (ok && (fh > h || fw > w))
            {
                diagnostics.Add(table.At(fh > h ? 3 : 4), $"{name}.{(fh > h ? "filter height" : "filter width")}",
                    $"the filter ({fh}×{fw}) is larger than the input ({h}×{w})");
                ok = false;
            }

            if (name.Length == 0)
            {
                diagnostics.Add(table.At(0), "layer name", "every row needs a name");
            }

            if (!ok)
            {
                continue;
            }

            bool depthwise = name.Contains("DP", StringComparison.Ordinal);
            long pixels = (long)CeilDiv(h - fh + sh, sh) * CeilDiv(w - fw + sw, sw);
            long k = (long)fh * fw * (depthwise ? 1 : channels);
            if (pixels > int.MaxValue || k > int.MaxValue)
            {
                diagnostics.Add(table.At(1), name, $"the lowered GEMM ({pixels} output pixels × K {k}) exceeds {int.MaxValue} in a dimension");
                continue;
            }

            ops.Add(new GemmOp(name, (int)pixels, filters, (int)k, int8, int8, depthwise ? channels : 1, [], new SourceLocation(table.Path, table.Line, 1)));
        }

        return ops;
    }

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;
}
