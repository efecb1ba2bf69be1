namespace AccelSim.Memory.Pim;

/// <summary>Whether a channel can serve ordinary reads and writes while its banks run PIM commands.</summary>
public enum PimMode
{
    /// <summary>One row buffer per bank: a channel does either ordinary accesses or PIM commands, never both at once.</summary>
    Blocked,

    /// <summary>A second row buffer per bank for PIM (NeuPIMs): ordinary accesses and PIM commands proceed together.</summary>
    DualRowBuffer,
}
