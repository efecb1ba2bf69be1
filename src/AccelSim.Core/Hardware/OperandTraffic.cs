using AccelSim.Units;

namespace AccelSim.Hardware;

/// <summary>Data a PE array moves between itself and its on-chip buffers for one tile, by operand.</summary>
public readonly record struct OperandTraffic(ByteSize ActivationReads, ByteSize WeightReads, ByteSize PartialSumReads, ByteSize OutputWrites)
{
    public ByteSize Reads => ActivationReads + WeightReads + PartialSumReads;

    public static OperandTraffic operator +(OperandTraffic a, OperandTraffic b) => new(
        a.ActivationReads + b.ActivationReads,
        a.WeightReads + b.WeightReads,
        a.PartialSumReads + b.PartialSumReads,
        a.OutputWrites + b.OutputWrites);
}
