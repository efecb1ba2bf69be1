using AccelSim.Config.Yaml;
using AccelSim.Units;

namespace AccelSim.Memory.HostLink;

/// <summary>Reads a <c>link:</c> section (often a preset such as <c>presets/pcie4-x16.yaml</c>): <c>name</c>, <c>bandwidth</c>, <c>latency</c>, <c>technology</c>.</summary>
public static class HostLinkReader
{
    public static HostLinkConfig Read(MappingReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new HostLinkConfig(
            reader.String("name", "host-link", meaning: "the link's name in reports"),
            reader.Value<Bandwidth>("bandwidth", Bandwidth.TryParse, new Bandwidth(1), required: true, meaning: "e.g. 32 GB/s"),
            reader.Value<SimTime>("latency", SimTime.TryParse, default, meaning: "per transfer, e.g. 5 us"),
            reader.String("technology", required: true, meaning: "the technology table's links entry that prices its bits, e.g. pcie4"),
            reader.Location);
    }
}
