using AccelSim.Units;

namespace AccelSim.Memory.Ideal;

/// <summary>Completes every request at once; counts the traffic all the same.</summary>
public sealed class IdealMemory : IMemoryModel
{
    private readonly TrafficCounter counter = new();

    public string Kind => IdealMemoryKind.Name;

    public string Name => IdealMemoryKind.Name;

    public string Description => "ideal memory (never stalls)";

    public bool NeverStalls => true;

    public SimTime Access(SimTime now, in MemoryRequest request)
    {
        counter.Count(request);
        return now;
    }

    public MemoryCheckpoint? IdleCheckpoint(SimTime now) => counter.Checkpoint([]);

    public void RepeatSince(MemoryCheckpoint since, SimTime shift) => counter.RepeatSince(since);

    public MemoryStats Stats => counter.Stats(SimTime.Zero);
}
