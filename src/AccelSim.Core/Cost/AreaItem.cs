namespace AccelSim.Cost;

/// <summary>
/// A line of a design's inventory: <see cref="Count"/> copies of the hardware that does <see cref="Part"/> (a
/// multiplier for a multiply, an adder for an add), or that many register bits, or one whole buffer for an SRAM
/// read of that buffer (a lookup table is register bits and a tree of 2:1 multiplexers), reported under <see cref="Component"/> (e.g. "mxu", "vector", "sram.weights").
/// </summary>
public readonly record struct AreaItem(string Component, Activity Part, long Count)
{
    public string Description => Part.Kind switch
    {
        ActivityKind.Multiply => $"{Count:N0} multipliers {Part.A}×{Part.B}",
        ActivityKind.Add => $"{Count:N0} adders {Part.A}",
        ActivityKind.Shift => $"{Count:N0} shifters {Part.A}",
        ActivityKind.RegisterWrite or ActivityKind.RegisterRead => $"{Count:N0} register bits",
        ActivityKind.Select => $"{Count:N0} 2:1 multiplexer bits",
        ActivityKind.SramRead => $"{Count:N0} × SRAM buffer {Part.Target}",
        _ => $"{Count:N0} × {Part}",
    };
}
