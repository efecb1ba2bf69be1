using AccelSim.Units;

namespace AccelSim.Memory;

/// <summary>
/// One transfer to or from a memory; <see cref="Label"/> names it on the timeline. <see cref="Address"/> is the byte
/// address of a contiguous range; without one, a memory that maps addresses places the request right after the
/// previous one, as tiles laid out in the order they are fetched would be.
/// </summary>
public readonly record struct MemoryRequest(ByteSize Size, bool IsWrite, string Label, long? Address = null);
