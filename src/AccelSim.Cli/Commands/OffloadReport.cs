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
        Row("policy", $"{result.Policy} ({result.PolicyDescription})");
        Row("sequences × decode tokens", $"{result.Batch} × {result.Steps}" + (result.Prompt > 0 ? $" after a {result.Prompt}-token prompt" : ""));
        if (result.Prompt > 0)
        {
            Row("prefill latency", $"{result.PrefillLatency.Nanoseconds / 1e6:N3} ms");
        }

        Row("decode throughput", $"{result.TokensPerSecond:N3} tokens/s ({result.Tokens:N0} tokens)");
        Row("token latency p50 / p99", $"{result.Percentile(0.5).Nanoseconds / 1e6:N3} / {result.Percentile(0.99).Nanoseconds / 1e6:N3} ms");
        Row("expert cache hits (high precision)", $"{result.HighHitRatePct:N1} % of {result.HighRequests:N0}");
        Row("expert cache hits (low precision)", $"{result.LowHitRatePct:N1} % of {result.LowRequests:N0}");
        Row("loaded on demand / prefetched", $"{result.DemandBytes.ExactBytes / 1e6:N3} / {result.PrefetchBytes.ExactBytes / 1e6:N3} MB ({result.Loads:N0} / {result.Prefetches:N0} experts; {result.PrefetchesDropped:N0} prefetches gave way to demand loads)");
        Row("link / device busy", $"{result.LinkUtilizationPct:N1} % / {result.DeviceUtilizationPct:N1} %");
        if (result.StorageUtilizationPct is double storageBusy)
        {
            Row("read up from storage into host memory", $"{result.StorageBytes.ExactBytes / 1e6:N3} MB ({result.StorageReads:N0} experts); storage busy {storageBusy:N1} %");
        }

        Row("routed weight run in low precision / skipped", $"{100 * result.LowGateShare:N2} % / {100 * result.SkippedGateShare:N2} %");
        Row("expert runs in low precision / skipped", $"{100 * result.LowCountShare:N2} % / {100 * result.SkippedCountShare:N2} %");
        Row("expert SQNR high / low precision", $"{Db(result.HighSqnrDb)} / {(result.LowSqnrDb is null && result.LowRequests == 0 ? "–" : Db(result.LowSqnrDb))}");
        Row("MoE layer output SQNR (synthetic data)", Db(result.LayerSqnrDb));
        Row("functional mismatches", $"{result.Mismatches}");
        Row("energy (dynamic + static)", $"{result.Energy.Total.Microjoules / 1e3:N3} mJ ({result.Energy.Dynamic.Microjoules / 1e3:N3} + {result.Energy.Static.Microjoules / 1e3:N3} mJ)");
        if (result.Prompt > 0)
        {
            Row("prefill energy", $"{result.PrefillEnergy.Microjoules / 1e3:N3} mJ");
        }

        Row("energy per decode token", $"{result.EnergyPerToken.Microjoules / 1e3:N3} mJ/token (prefill excluded)");
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
