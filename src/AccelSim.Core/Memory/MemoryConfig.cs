using AccelSim.Events;

namespace AccelSim.Memory;

/// <summary>The <c>memory:</c> section of a design; each kind extends it with its own keys and builds its model.</summary>
public abstract record MemoryConfig(string Kind)
{
    public abstract IMemoryModel Build(Timeline? timeline);
}
