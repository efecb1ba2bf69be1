using AccelSim.Accelerator.Moe;
using AccelSim.Config.Yaml;
using AccelSim.Memory.HostLink;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Config;

/// <summary>
/// A design's <c>offload:</c> section, for MoE models whose experts do not fit the device: the device memory left
/// for experts, the precisions the host keeps every expert in (<see cref="Low"/> optional), the host memory
/// technology that prices reading them (none for an SSD, whose link price covers the drive), the link they come
/// over, and the policy that decides what to load and keep. <see cref="MemoryLocation"/> is where the expert memory
/// is given, for errors about what it cannot hold. With a <see cref="Storage"/> tier the host holds only
/// <see cref="HostCapacity"/> of expert copies (least recently used evicted) and reads the rest up from storage first.
/// </summary>
public sealed record OffloadConfig(
    ByteSize ExpertMemory,
    NumericFormat High,
    NumericFormat? Low,
    string? HostMemory,
    HostLinkConfig Link,
    OffloadPolicy Policy,
    SourceLocation Location,
    SourceLocation MemoryLocation,
    ByteSize? HostCapacity = null,
    HostLinkConfig? Storage = null,
    SourceLocation HostCapacityLocation = default);
