using System.Text.Json;
using AccelSim.Accelerator.Moe;
using AccelSim.Units;

namespace AccelSim.Report;

/// <summary><c>summary.json</c> of a MoE decode with expert offloading: the shared totals, then the <c>moe_decode</c> section: the policy, token latencies, cache hit rates, link and storage traffic.</summary>
public static class OffloadSummaryJson
{
    public static void Write(Stream output, OffloadResult result, RunProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(provenance);
        using Utf8JsonWriter json = JsonSummary.Open(output);
        JsonSummary.Begin(json, provenance, "moe-decode", result.Design, result.Workload,
            "cycle-approximate: device blocks timed on the discrete-event engine, composed with expert loads on device and link resources",
            new SummaryTotals(result.Latency, result.Tokens, result.TokensPerSecond, result.Energy, result.EnergyPerToken, result.Area, result.LayerSqnrDb, result.Mismatches));
        json.WriteString("policy", result.Policy);
        json.WriteString("policy_parameters", result.PolicyDescription);
        json.WriteNumber("batch", result.Batch);
        json.WriteNumber("prompt_tokens", result.Prompt);
        json.WriteNumber("decode_steps", result.Steps);
        json.WriteNumber("prefill_latency_us", Math.Round(result.PrefillLatency.Nanoseconds / 1e3, 6));
        json.WriteNumber("token_latency_p50_us", Math.Round(result.Percentile(0.5).Nanoseconds / 1e3, 6));
        json.WriteNumber("token_latency_p99_us", Math.Round(result.Percentile(0.99).Nanoseconds / 1e3, 6));
        json.WriteStartArray("token_latency_us");
        foreach (SimTime t in result.TokenLatencies)
        {
            json.WriteNumberValue(Math.Round(t.Nanoseconds / 1e3, 6));
        }

        json.WriteEndArray();
        json.WriteNumber("high_precision_requests", result.HighRequests);
        json.WriteNumber("high_precision_hit_rate_pct", Math.Round(result.HighHitRatePct, 3));
        json.WriteNumber("low_precision_requests", result.LowRequests);
        json.WriteNumber("low_precision_hit_rate_pct", Math.Round(result.LowHitRatePct, 3));
        json.WriteNumber("expert_loads", result.Loads);
        json.WriteNumber("expert_prefetches", result.Prefetches);
        json.WriteNumber("expert_prefetches_dropped", result.PrefetchesDropped);
        json.WriteNumber("demand_load_bytes", Math.Round(result.DemandBytes.ExactBytes, 3));
        json.WriteNumber("prefetch_bytes", Math.Round(result.PrefetchBytes.ExactBytes, 3));
        json.WriteNumber("link_utilization_pct", Math.Round(result.LinkUtilizationPct, 3));
        if (result.StorageUtilizationPct is double storageBusy)
        {
            json.WriteNumber("storage_reads", result.StorageReads);
            json.WriteNumber("storage_read_bytes", Math.Round(result.StorageBytes.ExactBytes, 3));
            json.WriteNumber("storage_utilization_pct", Math.Round(storageBusy, 3));
        }

        json.WriteNumber("device_utilization_pct", Math.Round(result.DeviceUtilizationPct, 3));
        json.WriteNumber("low_precision_gate_share_pct", Math.Round(100 * result.LowGateShare, 3));
        json.WriteNumber("skipped_gate_share_pct", Math.Round(100 * result.SkippedGateShare, 3));
        json.WriteNumber("low_precision_expert_share_pct", Math.Round(100 * result.LowCountShare, 3));
        json.WriteNumber("skipped_expert_share_pct", Math.Round(100 * result.SkippedCountShare, 3));
        Db("expert_high_precision_sqnr_db", result.HighSqnrDb);
        Db("expert_low_precision_sqnr_db", result.LowSqnrDb);
        Db("moe_layer_sqnr_db", result.LayerSqnrDb);
        json.WriteNumber("prefill_energy_uj", Math.Round(result.PrefillEnergy.Microjoules, 6));
        JsonSummary.Finish(json, result.Notes);

        void Db(string key, double? db)
        {
            if (db is double value && double.IsFinite(value))
            {
                json.WriteNumber(key, Math.Round(value, 3));
            }
            else
            {
                json.WriteNull(key);
            }
        }
    }
}
