namespace AccelSim.Cost;

/// <summary>Energy per operation (pJ) and area (µm²) of one datapath part, both as functions of the part's size measure.</summary>
public sealed record DatapathRule(LinearRule EnergyPj, LinearRule AreaUm2)
{
    public DatapathRule Scaled(double energy, double area) => new(EnergyPj.Scaled(energy), AreaUm2.Scaled(area));
}
