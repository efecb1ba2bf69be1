using System.Globalization;
using AccelSim.Accelerator.Pim;
using AccelSim.Cost;
using AccelSim.Units;
using Spectre.Console;

namespace AccelSim.Cli.Commands;

/// <summary>The terminal report of a batched decode on an NPU with or without PIM.</summary>
internal static class DecodeReport
{
    public static void Print(IAnsiConsole console, DecodeResult result, string outDir, string? timeline)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded).Title($"AccelSim: {Markup.Escape(result.Design)} on {Markup.Escape(result.Workload)}");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("scheduler", $"{result.Scheduler} ({result.SubBatches} sub-batch{(result.SubBatches == 1 ? "" : "es")})");
        Row("requests×steps×layers", $"{result.Batch} × {result.Steps} × {result.Layers}");
        Row("latency", Readable.Time(result.Makespan));
        Row("throughput", $"{result.TokensPerSecond:N1} tokens/s ({result.Tokens:N0} tokens)");
        Row("step latency (mean)", Readable.Time(new SimTime((long)result.StepLatencies.Average(s => s.Picoseconds))));
        Row("NPU busy / MAC util.", $"{result.NpuBusyPct:N1} % / {result.NpuMacUtilizationPct:N1} %");
        if (result.ChannelPimBusyPct.Count > 0)
        {
            Row("PIM busy / MAC util.", $"{result.PimBusyPct:N1} % / {result.PimMacUtilizationPct:N1} %");
            Row("PIM busy per ch. min/max", $"{result.ChannelPimBusyPct.Min():N1} % / {result.ChannelPimBusyPct.Max():N1} %");
        }

        Row("MACs on the NPU", $"{result.NpuMacs:N0} MACs");
        Row("MACs in PIM", $"{result.PimMacs:N0} MACs");
        foreach ((string path, ByteSize bytes) in result.Traffic.Where(t => t.Bytes.Bits > 0))
        {
            Row(Readable.Cut(path, 28), $"{bytes.ExactBytes / 1e6:N3} MB");
        }

        int exact = result.Checks.Count(x => x.Outcome.Status == "exact");
        Row("PIM GEMV checks", $"{exact} exact, {result.Checks.Count(x => x.Outcome.Status == "mismatch")} mismatch, {result.Checks.Count(x => x.Outcome.Status == "skipped")} skipped");
        Row("NPU functional mismatches", $"{result.NpuMismatches}");
        Row("energy", Readable.Energy(result.Energy.Total));
        Row("  dynamic + static", $"{Readable.Energy(result.Energy.Dynamic)} + {Readable.Energy(result.Energy.Static)}");
        Row("energy per token", $"{Readable.Energy(result.EnergyPerToken)}/token");
        Row("area (logic)", $"{result.TotalArea.SquareMillimetres:N3} mm²");
        console.Write(table);

        console.Write(EnergyTable.Build(result.Energy, millijoules: true));
        foreach ((string name, Accelerator.FunctionalOutcome outcome) in result.Checks)
        {
            string sqnr = outcome.SqnrDb is double db && double.IsFinite(db) ? $", SQNR {db.ToString("N2", c)} dB against FP64" : "";
            console.WriteLine($"{name}: {outcome.Status}: {outcome.Detail}{sqnr}");
        }

        foreach (string note in result.Notes)
        {
            console.WriteLine($"note: {note}");
        }

        console.WriteLine($"wrote {Path.Combine(outDir, "summary.json")}" + (timeline is null ? "" : $", {timeline}"));
    }
}
