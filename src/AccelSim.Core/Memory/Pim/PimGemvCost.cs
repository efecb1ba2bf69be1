using AccelSim.Units;

namespace AccelSim.Memory.Pim;

/// <summary>
/// What a GEMV costs one channel: how long its banks are busy and what they did. <see cref="InternalBits"/> are
/// read from the row buffers into the MAC units; <see cref="InputBits"/> are written over the channel bus into the
/// units' input buffers (GWRITE); <see cref="ResultBits"/> are read out over it (RDRESULT).
/// </summary>
public sealed record PimGemvCost(
    SimTime Time,
    long RowSteps,
    long Activations,
    long Comps,
    long InputWrites,
    long ResultReads,
    long InternalBits,
    long InputBits,
    long ResultBits,
    long Macs);
