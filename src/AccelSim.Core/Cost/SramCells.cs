namespace AccelSim.Cost;

/// <summary>
/// One SRAM cell flavour's leakage as a multiple of the table's high-performance figure, and the further multiple
/// when the array is power-gated (idle subarrays held at their retention voltage).
/// </summary>
public sealed record SramCells(double Leakage, double Gated);
