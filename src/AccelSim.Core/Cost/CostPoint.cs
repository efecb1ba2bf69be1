namespace AccelSim.Cost;

/// <summary>One cited figure a rule is fit to: at <see cref="Size"/> (a width, a product of widths, a capacity) it costs <see cref="Value"/>.</summary>
public readonly record struct CostPoint(double Size, double Value);
