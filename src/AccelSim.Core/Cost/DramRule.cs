using AccelSim.Units;

namespace AccelSim.Cost;

/// <summary>
/// Off-chip memory energy of one technology: per bit read and written at the interface, per row activation and per
/// bit a PIM unit takes from a row buffer (its MACs included) where a source gives them.
/// </summary>
public sealed record DramRule(Energy ReadPerBit, Energy WritePerBit, Energy? Activation, Energy? PimAccessPerBit = null);
