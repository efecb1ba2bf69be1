using AccelSim.Units;

namespace AccelSim.Cost;

/// <summary>Off-chip memory energy of one technology: per bit read and written at the interface, and per row activation where a source gives it.</summary>
public sealed record DramRule(Energy ReadPerBit, Energy WritePerBit, Energy? Activation);
