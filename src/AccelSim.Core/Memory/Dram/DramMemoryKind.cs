using AccelSim.Config.Yaml;
using AccelSim.Units;

namespace AccelSim.Memory.Dram;

/// <summary>
/// The <c>kind: dram</c> and <c>kind: hbm</c> entries: keys <c>technology</c> (priced by the design's technology
/// table, e.g. hbm2e), <c>channels</c>, <c>bandwidth</c>, <c>latency</c>, <c>capacity</c>.
/// </summary>
public sealed class DramMemoryKind(string kind) : IMemoryKind
{
    public string Kind { get; } = kind;

    public string Summary => "channels × (bandwidth / channels), fixed latency; requests striped over the channels";

    public MemoryConfig Read(MappingReader reader) => new DramMemoryConfig(
        Kind,
        reader.String("technology", required: true, meaning: "the memory technology the cost table prices, e.g. hbm2e, lpddr4, ddr3"),
        reader.Mapping["technology"]?.Location ?? reader.Location,
        reader.Int("channels", 1, 1024, 1, required: true, meaning: "independent channels"),
        reader.Value<Bandwidth>("bandwidth", Bandwidth.TryParse, new Bandwidth(1), required: true, meaning: "total peak bandwidth, e.g. 819 GB/s"),
        reader.Value<SimTime>("latency", SimTime.TryParse, default, required: true, meaning: "access latency, e.g. 100 ns"),
        reader.Value<ByteSize>("capacity", ByteSize.TryParse, default));
}
