using AccelSim.Config.Yaml;
using AccelSim.Units;

namespace AccelSim.Memory.HostLink;

/// <summary>
/// The link from the device to where offloaded weights live (host DRAM over PCIe, or an SSD): its signalling
/// bandwidth, the share of it that carries payload (<see cref="Efficiency"/>: encoding and packet overhead), a
/// latency per transfer, and <see cref="Technology"/>, the technology table's <c>links</c> entry that prices each bit.
/// </summary>
public sealed record HostLinkConfig(string Name, Bandwidth Bandwidth, SimTime Latency, string Technology, SourceLocation Location, double Efficiency = 1)
{
    /// <summary>What payload moves at: the bandwidth times the efficiency.</summary>
    public Bandwidth Payload => new((long)Math.Max(1, Math.Round(Bandwidth.BitsPerSecond * Efficiency)));

    /// <summary>How long moving <paramref name="size"/> takes on an idle link.</summary>
    public SimTime TimeFor(ByteSize size) => Latency + Payload.TimeFor(size);
}
