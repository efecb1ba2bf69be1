using AccelSim.Config.Yaml;
using AccelSim.Hardware.BitSerial;
using AccelSim.Hardware.DequantMac;
using AccelSim.Hardware.LutCore;
using AccelSim.Hardware.ShiftAdd;
using AccelSim.Hardware.Systolic;
using AccelSim.Units;

namespace AccelSim.Hardware;

/// <summary>Every PE kind the YAML can name; adding a kind adds one line here.</summary>
public static class PeCatalog
{
    public static IReadOnlyList<IPeKind> Kinds { get; } =
    [
        new SystolicPeKind(),
        new DequantMacPeKind(),
        new ShiftAddPeKind(),
        new BitSerialPeKind(),
        new LutCoreKind(),
    ];

    public static IPeKind? Find(string kind) => Kinds.FirstOrDefault(k => k.Kind == kind);

    /// <summary>
    /// Every key some kind reads, found by letting each kind read an empty entry: when <c>--set</c> changes a unit's
    /// kind, these are the keys that belonged to its old kind, as opposed to typos.
    /// </summary>
    public static IReadOnlySet<string> KindKeys { get; } = FindKindKeys();

    private static HashSet<string> FindKindKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var common = new ComputeUnitCommon("probe", 1, Frequency.FromMegahertz(1000), [], []);
        foreach (IPeKind kind in Kinds)
        {
            MappingReader probe = MappingReader.Open(new ConfigMapping(SourceLocation.CommandLine("probe")), "probe", new Diagnostics())!;
            kind.Read(probe, common);
            keys.UnionWith(probe.Asked);
        }

        return keys;
    }
}
