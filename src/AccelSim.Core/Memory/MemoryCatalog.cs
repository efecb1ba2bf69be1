using AccelSim.Memory.Dram;
using AccelSim.Memory.Ideal;

namespace AccelSim.Memory;

/// <summary>Every memory kind the YAML can name; adding a kind adds one line here.</summary>
public static class MemoryCatalog
{
    public static IReadOnlyList<IMemoryKind> Kinds { get; } =
    [
        new DramMemoryKind("dram"),
        new DramMemoryKind("hbm"),
        new IdealMemoryKind(),
    ];

    public static IMemoryKind? Find(string kind) => Kinds.FirstOrDefault(k => k.Kind == kind);
}
