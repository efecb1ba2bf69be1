using System.Text.Json;
using AccelSim.Accelerator.Pim;
using AccelSim.Units;

namespace AccelSim.Report;

/// <summary><c>summary.json</c> of a batched decode: throughput, latencies, utilizations, bytes by path, energy, checks; units in the keys.</summary>
public static class DecodeSummaryJson
{
    public static void Write(Stream output, DecodeResult result, string version)
    {
        ArgumentNullException.ThrowIfNull(result);
        using Utf8JsonWriter json = JsonSummary.Open(output);
        json.WriteStartObject();
        JsonSummary.Header(json, version, result.Design, result.Workload, "cycle-approximate: NPU blocks timed on the discrete-event engine, PIM GEMVs in closed form after NewtonSim, composed on shared resources");
        json.WriteString("scheduler", result.Scheduler);
        json.WriteNumber("batch", result.Batch);
        json.WriteNumber("sub_batches", result.SubBatches);
        json.WriteNumber("steps", result.Steps);
        json.WriteNumber("layers", result.Layers);
        json.WriteNumber("tokens", result.Tokens);
        json.WriteNumber("latency_ns", Math.Round(result.Makespan.Nanoseconds, 3));
        json.WriteNumber("tokens_per_s", Math.Round(result.TokensPerSecond, 3));
        json.WriteStartArray("step_latency_ns");
        foreach (SimTime step in result.StepLatencies)
        {
            json.WriteNumberValue(Math.Round(step.Nanoseconds, 3));
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
        json.WriteNumber("energy_uj", Math.Round(result.Energy.Total.Microjoules, 6));
        json.WriteNumber("energy_per_token_uj", Math.Round(result.EnergyPerToken.Microjoules, 6));
        JsonSummary.Energy(json, result.Energy);
        json.WriteNumber("area_mm2", Math.Round(result.TotalArea.SquareMillimetres, 6));
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
        JsonSummary.Notes(json, result.Notes);
        json.WriteEndObject();
    }
}
