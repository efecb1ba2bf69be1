using AccelSim.Config.Yaml;
using AccelSim.Events;
using AccelSim.Units;

namespace AccelSim.Memory.Dram;

/// <summary>A DRAM or HBM: independent channels sharing the total bandwidth, a fixed access latency and a capacity.</summary>
public sealed record DramMemoryConfig(string Kind, string Technology, SourceLocation TechnologyLocation, int Channels, Bandwidth Bandwidth, SimTime Latency, ByteSize Capacity)
    : MemoryConfig(Kind, Technology, TechnologyLocation)
{
    public override IMemoryModel Build(Timeline? timeline) => new DramMemory(this, timeline);

    public override Bandwidth? PeakBandwidth => Bandwidth;

    /// <summary>The fast model's channels are counted in its technology's own channels (the presets say so).</summary>
    public override double ChannelsOfWidth(int channelBits) => Channels;

    public override ByteSize? Holds => Capacity.Bits > 0 ? Capacity : null;
}
