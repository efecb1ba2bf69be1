using System.Text.Json;
using AccelSim.Accelerator;
using AccelSim.Cost;
using AccelSim.Events;
using AccelSim.Units;

namespace AccelSim.Report;

/// <summary><c>summary.json</c> of an operation workload (GEMM traces, LLM layers): the shared totals, then the <c>operations</c> section: traffic, cycles, area, resources.</summary>
public static class SummaryJson
{
    public static void Write(Stream output, RunResult result, RunProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(provenance);
        using Utf8JsonWriter json = JsonSummary.Open(output);
        double seconds = result.Makespan.Seconds;
        JsonSummary.Begin(json, provenance, "operations", result.Design, result.Workload,
            "cycle-approximate: closed-form tile costs (SCALE-Sim v2 systolic timing) scheduled on a discrete-event engine",
            new SummaryTotals(result.Makespan, result.Tokens, result.Tokens is long t && seconds > 0 ? t / seconds : null, result.Energy,
                result.EnergyPerToken, result.TotalArea, result.SqnrDb, result.Mismatches, result.AccumulatorOverflows));
        json.WriteNumber("operations", result.Ops.Count);
        json.WriteNumber("cycles", result.Cycles);
        json.WriteNumber("macs", result.Macs);
        json.WriteNumber("effective_tops", seconds == 0 ? 0 : Math.Round(2.0 * result.Macs / seconds / 1e12, 6));
        json.WriteNumber("dram_read_bytes", Math.Round(result.Dram.Read.ExactBytes, 3));
        json.WriteNumber("dram_write_bytes", Math.Round(result.Dram.Written.ExactBytes, 3));
        if (result.DramAchieved is { } achieved)
        {
            json.WriteNumber("dram_achieved_gb_per_s", Math.Round(achieved.BitsPerSecond / 8e9, 6));
        }

        if (result.DramPeak is { } peak && result.DramPeakSharePct is double share)
        {
            json.WriteNumber("dram_peak_gb_per_s", Math.Round(peak.BitsPerSecond / 8e9, 6));
            json.WriteNumber("dram_peak_share_pct", Math.Round(share, 3));
        }

        if (result.Dram.Rows is Memory.RowBufferStats rows)
        {
            json.WriteStartObject("dram_row_buffer");
            json.WriteNumber("hits", rows.Hits);
            json.WriteNumber("misses", rows.Misses);
            json.WriteNumber("conflicts", rows.Conflicts);
            json.WriteNumber("activations", rows.Activations);
            json.WriteNumber("refreshes", rows.Refreshes);
            json.WriteEndObject();
        }

        if (result.CriticalPath is { } path)
        {
            json.WriteStartObject("critical_path");
            json.WriteString("definition", "the heaviest chain, by operation latency, through the dependencies and each unit's order of operations");
            json.WriteNumber("length_us", Math.Round(path.Length.Nanoseconds / 1e3, 6));
            json.WriteNumber("operations", path.Operations.Count);
            json.WriteStartArray("path");
            foreach (OpResult op in path.Operations)
            {
                json.WriteStringValue(op.Name);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteNumber("sram_read_bytes", Math.Round(result.Ops.Sum(o => o.SramRead.ExactBytes), 3));
        json.WriteNumber("sram_write_bytes", Math.Round(result.Ops.Sum(o => o.SramWritten.ExactBytes), 3));
        TrafficByOperand traffic = result.Ops.Aggregate(TrafficByOperand.None, (sum, o) => sum + o.Traffic);
        json.WriteStartObject("traffic_bytes");
        json.WriteStartObject("dram");
        json.WriteNumber("activations_read", Math.Round(traffic.DramActivationReads.ExactBytes, 3));
        json.WriteNumber("weights_read", Math.Round(traffic.DramWeightReads.ExactBytes, 3));
        json.WriteNumber("outputs_written", Math.Round(traffic.DramOutputWrites.ExactBytes, 3));
        json.WriteEndObject();
        json.WriteStartObject("sram");
        json.WriteNumber("activations_read", Math.Round(traffic.SramActivationReads.ExactBytes, 3));
        json.WriteNumber("weights_read", Math.Round(traffic.SramWeightReads.ExactBytes, 3));
        json.WriteNumber("outputs_read", Math.Round(traffic.SramOutputReads.ExactBytes, 3));
        json.WriteNumber("activations_written", Math.Round(traffic.SramActivationWrites.ExactBytes, 3));
        json.WriteNumber("weights_written", Math.Round(traffic.SramWeightWrites.ExactBytes, 3));
        json.WriteNumber("outputs_written", Math.Round(traffic.SramOutputWrites.ExactBytes, 3));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("technology", result.Technology);
        json.WriteNumber("static_power_mw", Math.Round(result.StaticPower.Watts * 1e3, 6));
        json.WriteNumber("area_mm2", Math.Round(result.TotalArea.SquareMillimetres, 6));
        json.WriteStartArray("area");
        foreach (AreaLine line in result.Area)
        {
            json.WriteStartObject();
            json.WriteString("component", line.Component);
            json.WriteString("part", line.Description);
            json.WriteNumber("area_mm2", Math.Round(line.Area.SquareMillimetres, 6));
            json.WriteNumber("leakage_mw", Math.Round(line.Leakage.Watts * 1e3, 6));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("pj_per_mac", Math.Round(result.PicojoulesPerMac, 6));
        json.WriteNumber("tops_per_w", Math.Round(result.TopsPerWatt, 6));
        json.WriteNumber("tops_per_mm2", Math.Round(result.TopsPerMm2, 9));
        json.WriteNumber("edp_uj_s", Math.Round(result.EnergyDelayJouleSeconds * 1e6, 6));
        json.WriteNumber("compute_cycles", result.Ops.Where(o => o.Unit != "vector").Sum(o => o.ComputeCycles));
        json.WriteNumber("stall_cycles", result.Ops.Where(o => o.Unit != "vector").Sum(o => o.StallCycles));
        json.WriteStartObject("functional_checks");
        foreach (string status in new[] { "exact", "mismatch", "skipped" })
        {
            json.WriteNumber(status, result.Ops.Count(o => o.FunctionalCheck == status));
        }

        json.WriteEndObject();
        json.WriteNumber("events", result.Events);
        json.WriteNumber("events_repeated", result.EventsRepeated);
        json.WriteStartArray("resources");
        foreach (ResourceStats r in result.Resources)
        {
            json.WriteStartObject();
            json.WriteString("name", r.Name);
            json.WriteNumber("busy_us", Math.Round(r.Busy.Nanoseconds / 1e3, 6));
            json.WriteNumber("busy_pct", result.Makespan.Picoseconds == 0 ? 0 : Math.Round(100.0 * r.Busy.Picoseconds / result.Makespan.Picoseconds, 3));
            json.WriteNumber("requests", r.Requests);
            json.WriteNumber("bytes", Math.Round(r.Data.ExactBytes, 3));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        JsonSummary.Finish(json, result.Notes);
    }
}
