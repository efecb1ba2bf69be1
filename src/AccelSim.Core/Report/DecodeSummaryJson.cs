using System.Text.Json;
using AccelSim.Accelerator.Pim;
using AccelSim.Units;

namespace AccelSim.Report;

/// <summary><c>summary.json</c> of a batched decode: the shared totals, then the <c>batched_decode</c> section: step latencies, utilizations, bytes by path, checks.</summary>
public static class DecodeSummaryJson
{
    public static void Write(Stream output, DecodeResult result, RunProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(provenance);
        using Utf8JsonWriter json = JsonSummary.Open(output);
        double? sqnr = result.Checks.Select(c => c.Outcome.SqnrDb).Where(d => d is double v && double.IsFinite(v)).DefaultIfEmpty(null).Min();
        JsonSummary.Begin(json, provenance, "batched-decode", result.Design, result.Workload,
            "cycle-approximate: NPU blocks timed on the discrete-event engine, PIM GEMVs in closed form after NewtonSim, composed on shared resources",
            new SummaryTotals(result.Makespan, result.Tokens, result.TokensPerSecond, result.Energy, result.EnergyPerToken, result.TotalArea, sqnr, result.Mismatches));
        json.WriteString("scheduler", result.Scheduler);
        json.WriteNumber("batch", result.Batch);
        json.WriteNumber("sub_batches", result.SubBatches);
        json.WriteNumber("steps", result.Steps);
        json.WriteNumber("layers", result.Layers);
        json.WriteStartArray("step_latency_us");
        foreach (SimTime step in result.StepLatencies)
        {
            json.WriteNumberValue(Math.Round(step.Nanoseconds / 1e3, 6));
        }

        json.WriteEndArray();
        json.WriteNumber("npu_busy_pct", Math.Round(result.NpuBusyPct, 3));
        json.WriteNumber("npu_mac_utilization_pct", Math.Round(result.NpuMacUtilizationPct, 3));
        json.WriteNumber("pim_busy_pct", Math.Round(result.PimBusyPct, 3));
        json.WriteNumber("pim_mac_utilization_pct", Math.Round(result.PimMacUtilizationPct, 3));
        json.WriteStartArray("channel_pim_busy_pct");
        foreach (double busy in result.ChannelPimBusyPct)
        {
            json.WriteNumberValue(Math.Round(busy, 3));
        }

        json.WriteEndArray();
        json.WriteNumber("npu_macs", result.NpuMacs);
        json.WriteNumber("pim_macs", result.PimMacs);
        json.WriteStartObject("bytes_by_path");
        foreach ((string path, ByteSize bytes) in result.Traffic)
        {
            json.WriteNumber(path, Math.Round(bytes.ExactBytes, 3));
        }

        json.WriteEndObject();
        json.WriteNumber("npu_functional_mismatches", result.NpuMismatches);
        json.WriteStartArray("pim_checks");
        foreach ((string name, Accelerator.FunctionalOutcome outcome) in result.Checks)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", outcome.Status);
            json.WriteString("detail", outcome.Detail);
            if (outcome.SqnrDb is double db && double.IsFinite(db))
            {
                json.WriteNumber("sqnr_db", Math.Round(db, 3));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        JsonSummary.Finish(json, result.Notes);
    }
}
