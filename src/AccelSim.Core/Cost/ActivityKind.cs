namespace AccelSim.Cost;

/// <summary>What a model can count. Each is priced by one rule of a technology table.</summary>
public enum ActivityKind
{
    Multiply,
    Add,
    Shift,
    RegisterWrite,
    RegisterRead,
    LutRead,
    SramRead,
    SramWrite,
    DramRead,
    DramWrite,
    DramActivate,
    PimAccess,
    LinkTransfer,
    HostRead,
    HostWrite,
}
