using AccelSim.Hardware.BitSerial;
using AccelSim.Hardware.DequantMac;
using AccelSim.Hardware.LutCore;
using AccelSim.Hardware.ShiftAdd;
using AccelSim.Hardware.Systolic;

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
}
