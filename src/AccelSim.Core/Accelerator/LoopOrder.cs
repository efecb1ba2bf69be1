using AccelSim.Hardware;

namespace AccelSim.Accelerator;

/// <summary>
/// The nesting of a tiled GEMM's three loops, outermost first ("NKM": for each N tile, each K tile, each M tile).
/// It decides which operand tile the next tile reuses, how many partial sums are in flight at once, and whether a
/// fold's stream can run on from one tile into the next (its streamed dimension innermost).
/// </summary>
public readonly record struct LoopOrder(GemmDimension Outer, GemmDimension Middle, GemmDimension Inner)
{
    /// <summary>Every order, in the fixed order ties are broken in: K innermost first (today's schedule), then the rest.</summary>
    public static IReadOnlyList<LoopOrder> All { get; } =
    [
        new(GemmDimension.M, GemmDimension.N, GemmDimension.K),
        new(GemmDimension.N, GemmDimension.M, GemmDimension.K),
        new(GemmDimension.N, GemmDimension.K, GemmDimension.M),
        new(GemmDimension.K, GemmDimension.N, GemmDimension.M),
        new(GemmDimension.M, GemmDimension.K, GemmDimension.N),
        new(GemmDimension.K, GemmDimension.M, GemmDimension.N),
    ];

    public string Name => $"{Outer}{Middle}{Inner}";

    /// <summary>0 for the outermost loop, 2 for the innermost.</summary>
    public int Depth(GemmDimension dimension) => dimension == Outer ? 0 : dimension == Middle ? 1 : 2;

    /// <summary>Whether the M loop is outside the N loop.</summary>
    public bool MOutsideN => Depth(GemmDimension.M) < Depth(GemmDimension.N);

    public override string ToString() => Name;
}
