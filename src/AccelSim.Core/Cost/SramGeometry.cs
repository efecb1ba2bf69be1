namespace AccelSim.Cost;

/// <summary>What the cost model needs to know of a buffer: its bank size and how wide each bank's port is.</summary>
public readonly record struct SramGeometry(string Name, long CapacityBits, int Banks, int PortBits)
{
    public double BankBits => (double)CapacityBits / Banks;
}
