using AccelSim.Accelerator;
using AccelSim.Config.Yaml;
using AccelSim.Cost;
using AccelSim.Hardware;
using AccelSim.Memory;
using AccelSim.Memory.Sram;
using AccelSim.Units;

namespace AccelSim.Config;

/// <summary>
/// A design: its compute units, the on-chip buffers each core has, the off-chip memory all cores share, the
/// optional link between them, the vector unit and the technology table that prices it all. <see cref="Scheduler"/>
/// says how a batched decode splits work between the NPU and PIM banks; <see cref="Offload"/> where a MoE model's
/// experts live when the device cannot hold them. <see cref="FixedMapping"/> and <see cref="MappingObjective"/>: how
/// the mapper schedules GEMMs. <see cref="Notes"/> says what was assumed or ignored on load.
/// </summary>
public sealed record ArchitectureConfig(
    string Name,
    string Source,
    TechTable Technology,
    SourceLocation TechnologyLocation,
    Frequency Clock,
    IReadOnlyList<ComputeUnitConfig> Compute,
    IReadOnlyList<SramBufferConfig> Buffers,
    MemoryConfig Memory,
    InterconnectConfig? Interconnect,
    VectorUnitConfig Vector,
    IReadOnlyList<string> Notes,
    DecodeScheduler Scheduler = DecodeScheduler.NpuOnly,
    OffloadConfig? Offload = null,
    bool FixedMapping = false,
    MappingObjective MappingObjective = MappingObjective.Latency);
