using System.CommandLine;
using System.Globalization;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Cost;
using Spectre.Console;

namespace AccelSim.Cli.Commands;

/// <summary>
/// <c>accelsim tech [NODE|FILE]...</c>: what a technology table charges for the parts architects compare most, side
/// by side across nodes, so the prices behind a run can be read and checked against their sources.
/// </summary>
internal static class TechCommand
{
    private static readonly (string Label, string Unit, Func<CostModel, double> Value)[] Rows =
    [
        ("INT8 add", "pJ", m => Pj(m, Activity.Add(ArithmeticType.Int(8)))),
        ("INT32 add", "pJ", m => Pj(m, Activity.Add(ArithmeticType.Int(32)))),
        ("INT4×INT8 multiply", "pJ", m => Pj(m, Activity.Multiply(ArithmeticType.Int(4), ArithmeticType.Int(8)))),
        ("INT8×INT8 multiply", "pJ", m => Pj(m, Activity.Multiply(ArithmeticType.Int(8), ArithmeticType.Int(8)))),
        ("INT8 MAC (INT32 accumulate)", "pJ", m => Pj(m, Activity.Multiply(ArithmeticType.Int(8), ArithmeticType.Int(8))) + Pj(m, Activity.Add(ArithmeticType.Int(32)))),
        ("FP8 E4M3 multiply", "pJ", m => Pj(m, Activity.Multiply(ArithmeticType.Float(4, 3), ArithmeticType.Float(4, 3)))),
        ("BF16 multiply", "pJ", m => Pj(m, Activity.Multiply(ArithmeticType.Float(8, 7), ArithmeticType.Float(8, 7)))),
        ("FP16 multiply", "pJ", m => Pj(m, Activity.Multiply(ArithmeticType.Float(5, 10), ArithmeticType.Float(5, 10)))),
        ("FP32 add", "pJ", m => Pj(m, Activity.Add(ArithmeticType.Fp32))),
        ("FP16 MAC (FP32 accumulate)", "pJ", m => Pj(m, Activity.Multiply(ArithmeticType.Float(5, 10), ArithmeticType.Float(5, 10))) + Pj(m, Activity.Add(ArithmeticType.Fp32))),
        ("INT8 MAC area", "µm²", m => Um2(m, Activity.Multiply(ArithmeticType.Int(8), ArithmeticType.Int(8))) + Um2(m, Activity.Add(ArithmeticType.Int(32)))),
        ("FP16 MAC area", "µm²", m => Um2(m, Activity.Multiply(ArithmeticType.Float(5, 10), ArithmeticType.Float(5, 10))) + Um2(m, Activity.Add(ArithmeticType.Fp32))),
        ("register bit write", "pJ", m => Pj(m, Activity.RegisterWrite)),
        ("8-entry table lookup, 10-bit entries (7 × 10 2:1 mux bits)", "pJ", m => 70 * Pj(m, Activity.Select)),
        ("2:1 multiplexer bit area", "µm²", m => Um2(m, Activity.Select)),
        ("SRAM 8 KiB, 64-bit read", "pJ", m => 64 * Pj(m, Activity.SramRead("8k"))),
        ("SRAM 32 KiB, 64-bit read", "pJ", m => 64 * Pj(m, Activity.SramRead("32k"))),
        ("SRAM 1 MiB, 64-bit read", "pJ", m => 64 * Pj(m, Activity.SramRead("1m"))),
        ("SRAM 1 MiB bank, 64-bit port, area", "mm²", m => Um2(m, Activity.SramRead("1m")) / 1e6),
        ("logic leakage", "mW/mm²", m => (m.Table.LogicLeakageWattsPerMm2 ?? double.NaN) * 1e3),
        ("SRAM leakage, hp cells", "mW/mm²", m => (m.Table.SramLeakageWattsPerMm2 ?? double.NaN) * 1e3),
        ("SRAM leakage, lop cells", "mW/mm²", m => SramLeakage(m, "lop")),
        ("SRAM leakage, lstp cells", "mW/mm²", m => SramLeakage(m, "lstp")),
        ("HBM2 streamed read (column + I/O + row share)", "pJ/bit", m => Pj(m, Activity.DramRead("hbm2"))),
        ("HBM2 streamed write", "pJ/bit", m => Pj(m, Activity.DramWrite("hbm2"))),
        ("LPDDR4 streamed read", "pJ/bit", m => Pj(m, Activity.DramRead("lpddr4"))),
        ("DDR3 streamed read", "pJ/bit", m => Pj(m, Activity.DramRead("ddr3"))),
        ("HBM2 row activation (1 KiB row)", "pJ", m => Pj(m, Activity.DramActivate("hbm2"))),
        ("HBM2 background, per 128-pin channel", "mW", m => Background(m, "hbm2")),
        ("LPDDR4 background, per x16 channel", "mW", m => Background(m, "lpddr4")),
        ("DDR3 background, per 64-bit channel", "mW", m => Background(m, "ddr3")),
        ("HBM2 PIM bank access", "pJ/bit", m => Pj(m, Activity.PimAccess("hbm2"))),
        ("PCIe 4.0 link transfer", "pJ/bit", m => Pj(m, Activity.LinkTransfer("pcie4"))),
        ("PCIe 5.0 link transfer", "pJ/bit", m => Pj(m, Activity.LinkTransfer("pcie5"))),
        ("NVMe SSD read", "pJ/bit", m => Pj(m, Activity.LinkTransfer("nvme"))),
    ];

    public static Command Build()
    {
        var tables = new Argument<string[]>("tables") { Description = "Nodes (e.g. '7 nm') or table files; default: every built-in node.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("tech", "Show what technology tables charge for common parts (energy per operation, area, leakage, memory and link energy per bit).") { tables };
        command.SetAction(result => Show(result.GetValue(tables) ?? [], result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static int Show(string[] names, TextWriter output, TextWriter error)
    {
        var diagnostics = new Diagnostics();
        IEnumerable<string> wanted = names.Length == 0 ? TechTableLoader.BuiltIn : names;
        var models = new List<CostModel>();
        foreach (string name in wanted)
        {
            TechTable? table = TechTableLoader.Load(name, SourceLocation.CommandLine($"tech {name}"), "technology", Path.Combine(Directory.GetCurrentDirectory(), "."), diagnostics);
            if (table is not null)
            {
                models.Add(new CostModel(table, [new SramGeometry("8k", 8L * 1024 * 8, 1, 64), new SramGeometry("32k", 32L * 1024 * 8, 1, 64), new SramGeometry("1m", 1024L * 1024 * 8, 1, 64)]));
            }
        }

        if (diagnostics.HasErrors)
        {
            return DiagnosticsOutput.Report(diagnostics, error);
        }

        IAnsiConsole console = Terminal.For(output);
        var grid = new Table().Border(TableBorder.Simple).Title("Technology tables (energy per operation or per bit; see arch-configs/tech for sources)");
        grid.AddColumn("part");
        grid.AddColumn("unit");
        foreach (CostModel model in models)
        {
            grid.AddColumn(new TableColumn(Markup.Escape($"{model.Table.Name} ({model.Table.Vdd.ToString("0.##", CultureInfo.InvariantCulture)} V)")).RightAligned());
        }

        foreach ((string label, string unit, Func<CostModel, double> value) in Rows)
        {
            grid.AddRow([Markup.Escape(label), Markup.Escape(unit), .. models.Select(m => Format(value(m)))]);
        }

        console.Write(grid);
        console.WriteLine("A blank cell: the table does not price that part.");
        return 0;
    }

    private static string Format(double value) => double.IsNaN(value) ? "" : value.ToString(value >= 100 ? "N0" : "G4", CultureInfo.InvariantCulture);

    private static double SramLeakage(CostModel model, string cells) =>
        model.Table.SramCellLeakage.TryGetValue(cells, out SramCells? flavour) ? (model.Table.SramLeakageWattsPerMm2 ?? double.NaN) * flavour.Leakage * 1e3 : double.NaN;

    private static double Background(CostModel model, string technology) =>
        model.Table.Memories.TryGetValue(technology, out DramRule? rule) && rule.Background is { } power ? power.Watts * 1e3 : double.NaN;

    private static double Pj(CostModel model, Activity activity) => model.Price(activity, out _)?.Picojoules ?? double.NaN;

    private static double Um2(CostModel model, Activity part) => model.Price(new AreaItem("", part, 1), out _)?.Area.SquareMicrometres ?? double.NaN;
}
