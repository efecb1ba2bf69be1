using AccelSim.Accelerator;
using AccelSim.Config;
using AccelSim.Report.Charts;

namespace AccelSim.Report;

/// <summary>
/// <c>--roofline-chart</c>: every GEMM of a run on the design's roofline. A unit's roof is its peak MACs per cycle ×
/// copies × clock × 2; the memory roof is the off-chip peak bandwidth. An operation sits at its operations per byte of
/// DRAM traffic and the TOPS it achieved from start to end, so its distance below the roof is what mapping, stalls and
/// fill/drain cost it. Operations with no DRAM traffic have no intensity and are counted in the footnote.
/// </summary>
public static class RooflineReport
{
    public static string Render(RunResult result, ArchitectureConfig design)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(design);
        List<Roof> roofs = [.. design.Compute.Select(c =>
        {
            Hardware.IPeModel pe = c.Build();
            return new Roof(c.Name, 2.0 * pe.PeakMacsPerCycle * c.Count * pe.Clock.Hertz / 1e12);
        })];
        double bandwidth = design.Memory.PeakBandwidth is { } b ? b.BitsPerSecond / 8e9 : 1e6;
        var points = new List<ScatterPoint>();
        int unplaced = 0;
        foreach (OpResult op in result.Ops.Where(o => o.Macs > 0))
        {
            double bytes = op.DramRead.Bytes + op.DramWritten.Bytes;
            double seconds = op.Latency.Seconds;
            if (bytes <= 0 || seconds <= 0)
            {
                unplaced++;
                continue;
            }

            double ops = 2.0 * op.Macs;
            points.Add(new ScatterPoint(ops / bytes, ops / seconds / 1e12, op.Unit,
                FormattableString.Invariant($"{op.Name} on {op.Unit}: {op.M}×{op.N}×{op.K}{(op.Repeat > 1 ? $" ×{op.Repeat}" : "")} {op.ActivationFormat}×{op.WeightFormat}, {ops / bytes:0.##} ops/B, {ops / seconds / 1e12:0.####} TOPS"),
                Marked: true));
        }

        string footnote = FormattableString.Invariant($"{points.Count} GEMMs placed") + (unplaced > 0 ? FormattableString.Invariant($"; {unplaced} without DRAM traffic or time left out") : "");
        return RooflineChart.Render($"{result.Design} on {result.Workload}: roofline", roofs, bandwidth, points, footnote);
    }
}
