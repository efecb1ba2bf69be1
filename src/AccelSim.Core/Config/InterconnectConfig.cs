using AccelSim.Config.Yaml;
using AccelSim.Units;

namespace AccelSim.Config;

/// <summary>
/// The optional link between off-chip memory and the buffers, shared by all cores. <see cref="Link"/> names the
/// entry of the technology table's <c>links</c> that prices its bits.
/// </summary>
public sealed record InterconnectConfig(Bandwidth Bandwidth, string Link, SourceLocation Location);
