using AccelSim.Units;

namespace AccelSim.Config;

/// <summary>The optional link between off-chip memory and the buffers, shared by all cores.</summary>
public sealed record InterconnectConfig(Bandwidth Bandwidth);
