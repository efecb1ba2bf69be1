using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.Systolic;

/// <summary>
/// A rows×columns MAC array with one dataflow, or with several (<see cref="MoreDataflows"/> besides
/// <see cref="Dataflow"/>) that the mapper chooses between per GEMM. <see cref="OverlappedPreload"/>: the PEs hold a
/// second register for the stationary operand, so the next fold's operand shifts in while the current fold streams
/// (weight- and input-stationary; output-stationary preloads nothing).
/// <see cref="PartialSumWord"/>: bits of each partial sum or output the array moves to and from its output buffer;
/// the accumulators themselves stay 32 bits wide.
/// </summary>
public sealed record SystolicPeConfig(
    string Name,
    int Count,
    Frequency Clock,
    IReadOnlyList<NumericFormat> ActivationFormats,
    IReadOnlyList<NumericFormat> WeightFormats,
    int Rows,
    int Columns,
    Dataflow Dataflow,
    bool OverlappedPreload = false,
    int PartialSumWord = SystolicPe.PartialSumBits,
    IReadOnlyList<Dataflow>? MoreDataflows = null)
    : ComputeUnitConfig(Name, SystolicPeKind.Name, Count, Clock, ActivationFormats, WeightFormats)
{
    public IReadOnlyList<Dataflow> Dataflows => [Dataflow, .. MoreDataflows ?? []];

    public override IPeModel Build() => new SystolicPe(this);
}
