using System.Globalization;
using AccelSim.Config.Yaml;

namespace AccelSim.Workloads.Moe;

/// <summary>
/// Reads a routing trace as recorded: a CSV with <c>token,layer,expert,gate_weight</c>, one row per expert a token
/// visits at a layer (tokens and layers from 0). Every token from 0 to the last must have between one and top-k
/// distinct experts at every MoE layer and none at a dense one; gate weights are in (0, 1] and are used as given.
/// Every bad row is reported by line and column, all at once.
/// </summary>
public static class RoutingTraceCsv
{
    private static readonly string[] Columns = ["token", "layer", "expert", "gate_weight"];

    public static RoutingTrace? Load(string path, int layers, MoeShape moe, Diagnostics diagnostics, SourceLocation referencedFrom)
    {
        ArgumentNullException.ThrowIfNull(moe);
        ArgumentNullException.ThrowIfNull(diagnostics);
        using CsvTable? table = CsvTable.Open(path, diagnostics, referencedFrom, "routing.file", string.Join(',', Columns));
        if (table is null || !table.CheckColumns(diagnostics, Columns, Columns))
        {
            return null;
        }

        int errors = diagnostics.Count;
        var rows = new Dictionary<(int Token, int Layer), List<ExpertChoice>>();
        var firstLine = new Dictionary<(int Token, int Layer), int>();
        int lastToken = -1;
        while (table.Read())
        {
            bool Int(string column, int max, out int value)
            {
                if (MappingReader.ParseInt(table.Field(column), 0, max, out value, out string error))
                {
                    return true;
                }

                diagnostics.Add(table.At(column), column, table.Field(column).Length == 0 ? "missing value" : error);
                return false;
            }

            bool ok = Int("token", int.MaxValue - 1, out int token);
            ok &= Int("layer", layers - 1, out int layer);
            ok &= Int("expert", moe.Experts - 1, out int expert);
            string text = table.Field("gate_weight");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double gate) || !(gate > 0 && gate <= 1))
            {
                diagnostics.Add(table.At("gate_weight"), "gate_weight", text.Length == 0 ? "missing value" : $"'{text}' is not a gate weight in (0, 1]");
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            if (!moe.IsMoeLayer(layer))
            {
                diagnostics.Add(table.At("layer"), "layer", $"layer {layer} is dense (the model's first {moe.DenseLayers} layers route no experts)");
                continue;
            }

            if (!rows.TryGetValue((token, layer), out List<ExpertChoice>? list))
            {
                rows[(token, layer)] = list = [];
                firstLine[(token, layer)] = table.Line;
            }

            if (list.Any(c => c.Expert == expert))
            {
                diagnostics.Add(table.At("expert"), "expert", $"token {token} visits expert {expert} at layer {layer} twice (first at line {firstLine[(token, layer)]})");
                continue;
            }

            if (list.Count == moe.TopK)
            {
                diagnostics.Add(table.At("expert"), "expert", $"token {token} already has the router's {moe.TopK} experts at layer {layer} (from line {firstLine[(token, layer)]})");
                continue;
            }

            list.Add(new ExpertChoice(expert, gate));
            lastToken = Math.Max(lastToken, token);
        }

        if (diagnostics.Count == errors)
        {
            CheckComplete(path, layers, moe, lastToken, rows, diagnostics);
        }

        if (diagnostics.Count > errors)
        {
            return null;
        }

        var choices = new ExpertChoice[lastToken + 1][][];
        for (int t = 0; t <= lastToken; t++)
        {
            choices[t] = new ExpertChoice[layers][];
            for (int l = 0; l < layers; l++)
            {
                choices[t][l] = rows.TryGetValue((t, l), out List<ExpertChoice>? list)
                    ? [.. list.OrderByDescending(c => c.GateWeight).ThenBy(c => c.Expert)]
                    : [];
            }
        }

        return new RoutingTrace(moe.Experts, moe.TopK, choices, $"{Path.GetFileName(path)} ({lastToken + 1} tokens)");
    }

    /// <summary>Every token up to the last visits experts at every MoE layer; the first gap is reported (later ones usually follow from it).</summary>
    private static void CheckComplete(string path, int layers, MoeShape moe, int lastToken, Dictionary<(int Token, int Layer), List<ExpertChoice>> rows, Diagnostics diagnostics)
    {
        if (lastToken < 0)
        {
            diagnostics.Add(new SourceLocation(path, 1, 1), "", "the trace has a header but no routing rows");
            return;
        }

        for (int t = 0; t <= lastToken; t++)
        {
            for (int l = moe.DenseLayers; l < layers; l++)
            {
                if (!rows.ContainsKey((t, l)))
                {
                    diagnostics.Add(new SourceLocation(path, 1, 1), "token",
                        $"token {t} has no experts at layer {l}; every token from 0 to {lastToken} needs rows for layers {moe.DenseLayers} to {layers - 1}");
                    return;
                }
            }
        }
    }
}
