using AccelSim.Units;

namespace AccelSim.Hardware;

/// <summary>Data a PE array moves between itself and its on-chip buffers for one tile, by operand.</summary>
public readonly record struct OperandTraffic(ByteSize ActivationReads, ByteSize WeightReads, ByteSize PartialSumReads, ByteSize OutputWrites)
{
    public ByteSize Reads => ActivationReads + WeightReads + PartialSumReads;

    /// <summary>
    /// An output-stationary array's traffic: each fold streams its rows of A and its columns of W, so A is read once
    /// per column fold and W once per row fold; outputs stay in the PEs and leave once, as partial sums.
    /// </summary>
    public static OperandTraffic OutputStationary(in GemmTile tile, long rowFolds, long columnFolds, int partialSumBits) => new(
        new ByteSize(tile.Activation.TileBits(tile.M, tile.K)) * columnFolds,
        new ByteSize(tile.Weight.TileBits(tile.N, tile.K)) * rowFolds,
        default,
        new ByteSize((long)tile.M * tile.N * partialSumBits));

    public static OperandTraffic operator +(OperandTraffic a, OperandTraffic b) => new(
        a.ActivationReads + b.ActivationReads,
        a.WeightReads + b.WeightReads,
        a.PartialSumReads + b.PartialSumReads,
        a.OutputWrites + b.OutputWrites);
}
