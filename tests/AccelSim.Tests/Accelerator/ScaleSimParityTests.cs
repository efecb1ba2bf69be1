using System.Globalization;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Accelerator;

/// <summary>
/// SCALE-Sim v2 on its own kind of configs, small SRAMs and large: `Total Cycles` as SCALE-Sim v2 (commit 22f88b1,
/// run from its source on this kind of machine with InterfaceBandwidth CALC) printed them for each array, dataflow,
/// SRAM size and layer in <c>ScaleSimGolden/scale-sim-v2-total-cycles.csv</c>. AccelSim reads the same .cfg and
/// topology and must report one more compute cycle for every layer (SCALE-Sim prints the last cycle's index), with no
/// stall, and say that its cycles are SCALE-Sim's.
/// </summary>
public class ScaleSimParityTests
{
    // The layers SCALE-Sim ran: GEMMs given as M, N, K (a GEMV, a cube, odd sizes, a mid-size layer) and two
    // convolutions lowered by im2col (GoogLeNet's inception 5b 3×3 and AlexNet's first layer, stride 4).
    private static readonly Dictionary<string, string> Topologies = new(StringComparer.Ordinal)
    {
        ["gemm"] = "Layer, M, N, K,\ng_gemv, 1, 1024, 1024,\ng_cube, 64, 64, 64,\ng_odd, 100, 37, 250,\ng_mid, 256, 512, 384,\n",
        ["conv_test"] = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\nInc5b_3x3, 7, 7, 3, 3, 192, 384, 1,\n",
        ["conv_alex"] = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\nConv1,  224, 224,    11, 11,    3,      96,     4,\n",
    };

    public static TheoryData<int, int, string, int, int, int, string> Runs()
    {
        var data = new TheoryData<int, int, string, int, int, int, string>();
        foreach (string[] f in Golden().Select(g => g.Key).DistinctBy(k => string.Join(',', k)))
        {
            data.Add(int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture), f[2],
                int.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture), int.Parse(f[5], CultureInfo.InvariantCulture), f[6]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_ScaleSimConfig_GivesScaleSimTotalCyclesForEveryLayer(int rows, int columns, string dataflow, int ifmapKb, int filterKb, int ofmapKb, string topology)
    {
        string dir = TempDirectory();
        string cfg = Write(dir, "parity.cfg", $"""
            [general]
            run_name = parity

            [architecture_presets]
            ArrayHeight:    {rows}
            ArrayWidth:     {columns}
            IfmapSramSzkB:   {ifmapKb}
            FilterSramSzkB:  {filterKb}
            OfmapSramSzkB:   {ofmapKb}
            Dataflow : {dataflow}
            Bandwidth : 10

            [run_presets]
            InterfaceBandwidth: CALC
            """);
        string csv = Write(dir, $"{topology}.csv", Topologies[topology]);
        (int exit, string output, string error) = Run("run", "--arch", cfg, "--workload", csv, "--out", Path.Combine(dir, "out"), "--functional", "off");
        Assert.True(exit == 0, error + output);
        long[] expected = [.. Golden()
            .Where(g => g.Key.SequenceEqual([$"{rows}", $"{columns}", dataflow, $"{ifmapKb}", $"{filterKb}", $"{ofmapKb}", topology]))
            .OrderBy(g => g.Layer).Select(g => g.Cycles)];
        List<Dictionary<string, string>> ops = ReadOps(Path.Combine(dir, "out"));
        // Layers are independent, so each loads behind the one before; its own cycles on the array are SCALE-Sim's.
        Assert.Equal(expected, ops.Select(o => long.Parse(o["compute_cycles"], CultureInfo.InvariantCulture) - 1));
        Assert.All(ops, o => Assert.Equal("0", o["stall_cycles"]));
        // Memory never stalls, so the layers follow each other on the array with no gap.
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")));
        Assert.Equal(expected.Sum() + expected.Length, summary.RootElement.GetProperty("operations").GetProperty("cycles").GetInt64());
        Assert.Contains("compute cycles are those of SCALE-Sim v2", output, StringComparison.Ordinal);
    }

    private static IEnumerable<(string[] Key, int Layer, long Cycles)> Golden()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Accelerator", "ScaleSimGolden", "scale-sim-v2-total-cycles.csv");
        foreach (string line in File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#' && !l.StartsWith("rows", StringComparison.Ordinal)))
        {
            string[] f = line.Split(',');
            yield return (f[..7], int.Parse(f[7], CultureInfo.InvariantCulture), long.Parse(f[8], CultureInfo.InvariantCulture));
        }
    }
}
