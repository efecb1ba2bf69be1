namespace AccelSim.Cost;

/// <summary>
/// SRAM costs. Read energy per bit is a power law of one bank's capacity in bits (<see cref="ReadPjPerBit"/>), the
/// same for any port width; a write costs <see cref="WriteToRead"/> times a read. Area is bit cells plus port
/// periphery: capacity × <see cref="CellUm2PerBit"/> + banks × port width × <see cref="PortUm2PerBit"/>.
/// </summary>
public sealed record SramRule(PowerLawRule ReadPjPerBit, double WriteToRead, double CellUm2PerBit, double PortUm2PerBit)
{
    public SramRule Scaled(double energy, double area) =>
        new(ReadPjPerBit.Scaled(energy), WriteToRead, CellUm2PerBit * area, PortUm2PerBit * area);
}
