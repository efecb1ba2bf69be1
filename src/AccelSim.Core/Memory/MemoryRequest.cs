using AccelSim.Units;

namespace AccelSim.Memory;

/// <summary>One transfer to or from a memory; <see cref="Label"/> names it on the timeline.</summary>
public readonly record struct MemoryRequest(ByteSize Size, bool IsWrite, string Label);
