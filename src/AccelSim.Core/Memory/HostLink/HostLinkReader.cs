using AccelSim.Config.Yaml;
using AccelSim.Units;

namespace AccelSim.Memory.HostLink;

/// <summary>
/// Reads a <c>link:</c> section (often a preset such as <c>presets/pcie4-x16.yaml</c>): <c>name</c>, <c>bandwidth</c>,
/// <c>efficiency</c>, <c>latency</c>, <c>technology</c>.
/// </summary>
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
            reader.Location,
            reader.Value<double>("efficiency", ParseShare, 1, meaning: "the share of the bandwidth that carries payload, e.g. 0.90"));
    }

    private static bool ParseShare(string text, out double share, out string error)
    {
        error = $"expected a share of the bandwidth, more than 0 and at most 1, e.g. 0.90, found '{text}'";
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out share)
            && share > 0 && share <= 1;
    }
}
