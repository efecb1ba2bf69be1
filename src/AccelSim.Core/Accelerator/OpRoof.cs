using AccelSim.Hardware;
using AccelSim.Memory.Sram;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Accelerator;

/// <summary>
/// The least time a GEMM could take on its unit, in the unit's cycles, and what sets it, under the spatial mapping
/// that allows the least (a unit with several takes the best): the array's own closed form for the whole GEMM spread
/// evenly over the cores (<c>compute</c>, or <c>dequantizer</c> where the group or weight
/// dequantizers outlast the MAC stream), every operand crossing DRAM once at peak bandwidth (<c>dram</c>), the
/// interconnect likewise (<c>link</c>), or the busiest buffer port moving the whole GEMM's traffic (<c>sram-port</c>).
/// No schedule beats any of these, so a run's time is never below the largest.
/// </summary>
public readonly record struct OpRoof(long Cycles, string Bound)
{
    public static OpRoof For(GemmOp op, IPeModel pe, int cores, IReadOnlyList<SramBufferConfig> buffers, Bandwidth? dram, Bandwidth? link)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(pe);
        ArgumentNullException.ThrowIfNull(buffers);
        return pe.Mappings.Select(array => Under(array, op, cores, buffers, dram, link)).MinBy(r => r.Cycles);
    }

    private static OpRoof Under(IPeModel pe, GemmOp op, int cores, IReadOnlyList<SramBufferConfig> buffers, Bandwidth? dram, Bandwidth? link)
    {
        TileCost whole = pe.Evaluate(new GemmTile(op.M, op.N, op.K, op.Activation, op.Weight));
        bool dequantized = whole.DequantizerCycles > whole.Cycles - whole.FillDrainCycles;
        var roofs = new List<(long Cycles, string Bound)> { (op.Repeat * whole.Cycles / cores, dequantized ? "dequantizer" : "compute") };

        long aBits = op.Activation.StorageBits(op.M, op.K), wBits = op.Weight.StorageBits(op.N, op.K);
        long offChip = op.Repeat * (aBits + wBits + op.Activation.StorageBits(op.M, op.N));
        double hertz = pe.Clock.Hertz;
        long Cycles(long bits, Bandwidth bandwidth) => (long)Math.Floor(bits / (double)bandwidth.BitsPerSecond * hertz);
        if (dram is { } d)
        {
            roofs.Add((Cycles(offChip, d), "dram"));
        }

        if (link is { } l)
        {
            roofs.Add((Cycles(offChip, l), "link"));
        }

        foreach (SramBufferConfig buffer in buffers)
        {
            long reads = 0, writes = 0;
            foreach (Operand operand in buffer.Holds)
            {
                (long r, long w) = operand switch
                {
                    Operand.Activations => (whole.Traffic.ActivationReads.Bits, aBits),
                    Operand.Weights => (whole.Traffic.WeightReads.Bits, wBits),
                    _ => (whole.Traffic.PartialSumReads.Bits, whole.Traffic.OutputWrites.Bits),
                };
                reads += r;
                writes += w;
            }

            int sharing = buffer.Shared ? 1 : cores;
            roofs.Add((Math.Max(Cycles(op.Repeat * reads / sharing, buffer.ReadBandwidth), Cycles(op.Repeat * writes / sharing, buffer.WriteBandwidth)), "sram-port"));
        }

        (long cycles, string bound) = roofs.MaxBy(r => r.Cycles);
        return new OpRoof(cycles, bound);
    }
}
