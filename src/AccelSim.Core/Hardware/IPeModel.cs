using AccelSim.Cost;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware;

/// <summary>
/// A processing-element array. Pure: it answers what a tile costs (closed form) and what a tile computes (its own
/// algorithm, bit-exact); the engine decides when things happen.
/// </summary>
public interface IPeModel
{
    /// <summary>The YAML <c>kind:</c> value.</summary>
    string Kind { get; }

    string Name { get; }

    Frequency Clock { get; }

    /// <summary>One line for reports, e.g. "128×128 weight-stationary systolic array".</summary>
    string Description { get; }

    /// <summary>MACs the array can do per cycle at best.</summary>
    long PeakMacsPerCycle { get; }

    /// <summary>MACs the array can do per cycle at best on weights of <paramref name="weight"/>: below the peak where cycles grow with weight bits.</summary>
    long PeakMacsPerCycleAt(NumericFormat weight) => PeakMacsPerCycle;

    /// <summary>Width of the partial sums kept in the output buffer while K is reduced.</summary>
    int AccumulatorBits { get; }

    TileGranule Granule { get; }

    /// <summary>
    /// The spatial mappings the datapath can run a GEMM with, each an array model of its own: one per dataflow of an
    /// array built for several, for example. The mapper picks one per GEMM; an array with one mapping is its own.
    /// </summary>
    IReadOnlyList<IPeModel> Mappings => [this];

    /// <summary>The spatial mapping this array model stands for, as <c>ops.csv</c> names it: which operand stays in the PEs.</summary>
    string SpatialMapping => Granule.Streamed switch
    {
        GemmDimension.M => "weight-stationary",
        GemmDimension.N => "input-stationary",
        _ => "output-stationary",
    };

    /// <summary>Whether <see cref="Evaluate"/> of a whole GEMM gives SCALE-Sim v2's stall-free cycles (its systolic timing).</summary>
    bool TimedAsScaleSim => false;

    IReadOnlyList<NumericFormat> ActivationFormats { get; }

    IReadOnlyList<NumericFormat> WeightFormats { get; }

    /// <summary>Null when a GEMM of these formats can run on this unit; otherwise why not.</summary>
    string? CannotRun(NumericFormat activation, NumericFormat weight);

    TileCost Evaluate(in GemmTile tile);

    /// <summary>The datapath parts and registers of one copy of the array, for area and leakage.</summary>
    IReadOnlyList<AreaItem> Inventory { get; }

    /// <summary>How this array accumulates a GEMM of these formats (what its result is checked against).</summary>
    NumericContract Numerics(NumericFormat activation, NumericFormat weight);

    /// <summary>Runs C = A·W through the array's own datapath (A: M vectors of K; W: N vectors of K).</summary>
    GemmResult Execute(QuantizedTensor a, QuantizedTensor w);

    /// <summary>
    /// The same as <see cref="Execute"/>, with every step of the datapath emulated: a PE whose <see cref="Execute"/>
    /// takes a shortcut where it is proven to give the same bits (a whole integer dot product where no partial sum
    /// can wrap, say) runs it here without one, and a full functional check compares the two on a sampled block.
    /// </summary>
    GemmResult ExecuteStepByStep(QuantizedTensor a, QuantizedTensor w) => Execute(a, w);
}
