using AccelSim.Config.Yaml;
using AccelSim.Events;
using AccelSim.Memory.Pim;
using AccelSim.Units;

namespace AccelSim.Memory;

/// <summary>
/// The <c>memory:</c> section of a design; each kind extends it with its own keys and builds its model.
/// <see cref="Technology"/> names the memory technology whose energy per bit the technology table prices (null: not priced).
/// </summary>
public abstract record MemoryConfig(string Kind, string? Technology, SourceLocation TechnologyLocation)
{
    public abstract IMemoryModel Build(Timeline? timeline);

    /// <summary>The most the memory can deliver, for the mapper's estimates; null when it never limits.</summary>
    public abstract Bandwidth? PeakBandwidth { get; }

    /// <summary>How much the memory holds, when it says (a DRAM's capacity key, a bank-timed organization); null: unbounded.</summary>
    public virtual ByteSize? Holds => null;

    /// <summary>
    /// How many channels of <paramref name="channelBits"/> data pins the memory is, for its background power; 0 for
    /// a memory without channels.
    /// </summary>
    public virtual double ChannelsOfWidth(int channelBits) => 0;

    /// <summary>True for a memory that counts row activations, which the technology table must then price.</summary>
    public virtual bool CountsRowActivations => false;

    /// <summary>One channel's banks with their PIM units, when the memory computes in its banks.</summary>
    public virtual PimChannel? PimChannel => null;

    /// <summary>Channels that each hold requests' KV caches and run their PIM GEMVs independently.</summary>
    public virtual int PimChannels => 0;
}
