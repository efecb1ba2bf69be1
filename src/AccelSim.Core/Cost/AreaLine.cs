using AccelSim.Units;

namespace AccelSim.Cost;

/// <summary>An inventory line priced: its area and its leakage power at the table's node.</summary>
public sealed record AreaLine(string Component, string Description, Area Area, Power Leakage);
