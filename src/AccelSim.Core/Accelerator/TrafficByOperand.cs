using AccelSim.Units;

namespace AccelSim.Accelerator;

/// <summary>
/// Data moved per memory level and operand. DRAM: activation and weight tiles loaded, finished outputs stored,
/// partial sums spilled and read back when a loop order keeps more in flight than the output buffer holds.
/// SRAM reads: operands fed to the array, partial sums read back to accumulate into, outputs read to be stored.
/// SRAM writes: DRAM fills of activations and weights, and partial sums or outputs written by the array.
/// </summary>
public sealed record TrafficByOperand(
    ByteSize DramActivationReads,
    ByteSize DramWeightReads,
    ByteSize DramOutputWrites,
    ByteSize SramActivationReads,
    ByteSize SramWeightReads,
    ByteSize SramOutputReads,
    ByteSize SramActivationWrites,
    ByteSize SramWeightWrites,
    ByteSize SramOutputWrites,
    ByteSize DramPartialSumReads = default)
{
    public static TrafficByOperand None { get; } = new(default, default, default, default, default, default, default, default, default);

    public ByteSize DramRead => DramActivationReads + DramWeightReads + DramPartialSumReads;

    public ByteSize DramWritten => DramOutputWrites;

    public ByteSize SramRead => SramActivationReads + SramWeightReads + SramOutputReads;

    public ByteSize SramWritten => SramActivationWrites + SramWeightWrites + SramOutputWrites;

    public static TrafficByOperand operator +(TrafficByOperand a, TrafficByOperand b) => new(
        a.DramActivationReads + b.DramActivationReads,
        a.DramWeightReads + b.DramWeightReads,
        a.DramOutputWrites + b.DramOutputWrites,
        a.SramActivationReads + b.SramActivationReads,
        a.SramWeightReads + b.SramWeightReads,
        a.SramOutputReads + b.SramOutputReads,
        a.SramActivationWrites + b.SramActivationWrites,
        a.SramWeightWrites + b.SramWeightWrites,
        a.SramOutputWrites + b.SramOutputWrites,
        a.DramPartialSumReads + b.DramPartialSumReads);
}
