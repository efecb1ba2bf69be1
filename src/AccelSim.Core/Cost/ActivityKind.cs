namespace AccelSim.Cost;

/// <summary>What a model can count. Each is priced by one rule of a technology table.</summary>
public enum ActivityKind
{
    Multiply,
    Add,
    Shift,
    RegisterWrite,
    RegisterRead,
    /// <summary>One bit through a 2:1 multiplexer (a table lookup is a tree of them).</summary>
    Select,
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
