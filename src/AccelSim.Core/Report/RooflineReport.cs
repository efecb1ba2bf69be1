using AccelSim.Accelerator;
using AccelSim.Config;
using AccelSim.Hardware;
using AccelSim.Numerics;
using AccelSim.Report.Charts;

namespace AccelSim.Report;

/// <summary>
/// <c>--roofline-chart</c>: every GEMM of a run on the design's roofline. A unit's roof is its peak MACs per cycle at
/// the weight precision the run gives it (a bit-serial unit at W4 has a quarter of its W1 peak) × copies × clock × 2,
/// one roof per unit and weight format the run uses; the memory roof is the off-chip peak bandwidth. An operation
/// sits at its operations per byte of DRAM traffic and the TOPS it achieved from start to end, so its distance below
/// its roof is what mapping, stalls and fill/drain cost it. Operations with no DRAM traffic have no intensity and are
/// counted in the footnote.
/// </summary>
public static class RooflineReport
{
    public static Chart Render(RunResult result, ArchitectureConfig design)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(design);
        List<OpResult> gemms = [.. result.Ops.Where(o => o.Macs > 0)];
        var roofs = new List<Roof>();
        foreach (ComputeUnitConfig c in design.Compute)
        {
            IPeModel pe = c.Build();
            string[] weights = [.. gemms.Where(o => o.Unit == c.Name).Select(o => o.WeightFormat).Distinct().Order(StringComparer.Ordinal)];
            long[] peaks = [.. weights.Select(w => pe.PeakMacsPerCycleAt(NumericFormats.Parse(w)))];
            // One roof per precision only where the precision sets the peak (not for an INT8 array at INT4), and one
            // for the formats that share a peak (ternary and INT2 on a bit-serial unit).
            bool byPrecision = peaks.Distinct().Count() > 1 || (peaks.Length > 0 && peaks[0] != pe.PeakMacsPerCycle);
            foreach (IGrouping<long, string> same in weights.Zip(peaks).GroupBy(p => p.Second, p => p.First).OrderByDescending(g => g.Key))
            {
                roofs.Add(new Roof(byPrecision ? $"{c.Name} at {string.Join(", ", same)}" : c.Name, 2.0 * same.Key * c.Count * pe.Clock.Hertz / 1e12));
                if (!byPrecision)
                {
                    break;
                }
            }

            if (weights.Length == 0)
            {
                roofs.Add(new Roof(c.Name, 2.0 * pe.PeakMacsPerCycle * c.Count * pe.Clock.Hertz / 1e12));
            }
        }

        double bandwidth = design.Memory.PeakBandwidth is { } b ? b.BitsPerSecond / 8e9 : 1e6;
        var points = new List<ScatterPoint>();
        int unplaced = 0;
        bool perFormat = roofs.Any(r => r.Name.Contains(" at ", StringComparison.Ordinal));
        foreach (OpResult op in gemms)
        {
            double bytes = op.DramRead.Bytes + op.DramWritten.Bytes;
            double seconds = op.Latency.Seconds;
            if (bytes <= 0 || seconds <= 0)
            {
                unplaced++;
                continue;
            }

            double ops = 2.0 * op.Macs;
            points.Add(new ScatterPoint(ops / bytes, ops / seconds / 1e12, perFormat ? $"{op.Unit} at {op.WeightFormat}" : op.Unit, Marked: true));
        }

        string footnote = FormattableString.Invariant($"{points.Count} GEMMs placed") + (unplaced > 0 ? FormattableString.Invariant($"; {unplaced} without DRAM traffic or time left out") : "");
        return RooflineChart.Render($"{result.Design} on {result.Workload}: roofline", roofs, bandwidth, points, footnote);
    }
}
