namespace AccelSim.Sweep;

/// <summary>How a sweep combines its axes: every combination, the i-th values together, or a seeded sample of the combinations.</summary>
public enum SweepCombination
{
    Product,
    Zip,
    Sample,
}
