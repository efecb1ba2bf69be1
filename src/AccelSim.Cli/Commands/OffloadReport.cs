using AccelSim.Accelerator.Moe;
using Spectre.Console;

namespace AccelSim.Cli.Commands;

/// <summary>The terminal report of a MoE decode with expert offloading.</summary>
internal static class OffloadReport
{
    public static void Print(IAnsiConsole console, OffloadResult result, string outDir, string? timeline)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"AccelSim: {Markup.Escape(result.Design)} on {Markup.Escape(result.Workload)}");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        static string Db(double? db) => db is double v && double.IsFinite(v) ? $"{v:N2} dB" : db is null ? "not measured (functional checks off)" : "exact";
        Row("policy", result.Policy);
        Row("  parameters", Readable.Cut(result.PolicyDescription, 46));
        Row("sequences × tokens", $"{result.Batch} × {result.Steps}" + (result.Prompt > 0 ? $" after a {result.Prompt}-token prompt" : ""));
        if (result.Prompt > 0)
        {
            Row("prefill latency", Readable.Time(result.PrefillLatency));
        }

        Row("decode throughput", $"{result.TokensPerSecond:N3} tokens/s ({result.Tokens:N0} tokens)");
        Row("token latency p50 / p99", $"{Readable.Time(result.Percentile(0.5))} / {Readable.Time(result.Percentile(0.99))}");
        Row("cache hits, high precision", $"{result.HighHitRatePct:N1} % of {result.HighRequests:N0}");
        Row("cache hits, low precision", $"{result.LowHitRatePct:N1} % of {result.LowRequests:N0}");
        Row("on demand / prefetched", $"{result.DemandBytes.ExactBytes / 1e6:N3} / {result.PrefetchBytes.ExactBytes / 1e6:N3} MB");
        Row("  experts", $"{result.Loads:N0} / {result.Prefetches:N0} ({result.PrefetchesDropped:N0} prefetches dropped)");
        Row("link / device busy", $"{result.LinkUtilizationPct:N1} % / {result.DeviceUtilizationPct:N1} %");
        if (result.StorageUtilizationPct is double storageBusy)
        {
            Row("read up from storage", $"{result.StorageBytes.ExactBytes / 1e6:N3} MB ({result.StorageReads:N0} experts)");
            Row("  storage busy", $"{storageBusy:N1} %");
        }

        Row("gate weight low / skipped", $"{100 * result.LowGateShare:N2} % / {100 * result.SkippedGateShare:N2} %");
        Row("expert runs low / skipped", $"{100 * result.LowCountShare:N2} % / {100 * result.SkippedCountShare:N2} %");
        Row("expert SQNR high / low", $"{Db(result.HighSqnrDb)} / {(result.LowSqnrDb is null && result.LowRequests == 0 ? "–" : Db(result.LowSqnrDb))}");
        Row("MoE layer SQNR (synthetic)", Db(result.LayerSqnrDb));
        Row("functional mismatches", $"{result.Mismatches}");
        Row("energy", Readable.Energy(result.Energy.Total));
        Row("  dynamic + static", $"{Readable.Energy(result.Energy.Dynamic)} + {Readable.Energy(result.Energy.Static)}");
        if (result.Prompt > 0)
        {
            Row("prefill energy", Readable.Energy(result.PrefillEnergy));
        }

        Row("energy per decode token", $"{Readable.Energy(result.EnergyPerToken)}/token (no prefill)");
        Row("area (logic)", $"{result.Area.SquareMillimetres:N3} mm²");
        console.Write(table);
        console.Write(EnergyTable.Build(result.Energy, millijoules: true));
        foreach (string note in result.Notes)
        {
            console.WriteLine($"note: {note}");
        }

        console.WriteLine($"wrote {Path.Combine(outDir, "summary.json")}" + (timeline is null ? "" : $", {timeline}"));
    }
}
