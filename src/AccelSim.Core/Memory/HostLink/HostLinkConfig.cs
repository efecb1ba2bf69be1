using AccelSim.Config.Yaml;
using AccelSim.Units;

namespace AccelSim.Memory.HostLink;

/// <summary>
/// The link from the device to where offloaded weights live (host DRAM over PCIe, or an SSD): its bandwidth, a
/// latency per transfer, and <see cref="Technology"/>, the technology table's <c>links</c> entry that prices each bit.
/// </summary>
public sealed record HostLinkConfig(string Name, Bandwidth Bandwidth, SimTime Latency, string Technology, SourceLocation Location)
{
    /// <summary>How long moving <paramref name="size"/> takes on an idle link.</summary>
    public SimTime TimeFor(ByteSize size) => Latency + Bandwidth.TimeFor(size);
}
