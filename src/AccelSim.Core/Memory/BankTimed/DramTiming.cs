using AccelSim.Units;

namespace AccelSim.Memory.BankTimed;

/// <summary>
/// The named timing parameters of a DRAM in cycles of its command clock <see cref="Tck"/>, as datasheets and
/// simulator configs give them. <see cref="Burst"/> is how long one burst holds the data bus (burst length over
/// the pin rate), which need not be a whole number of cycles.
/// </summary>
public sealed record DramTiming(
    SimTime Tck,
    SimTime Burst,
    int Rcd,
    int Rp,
    int Ras,
    int Cl,
    int Cwl,
    int CcdS,
    int CcdL,
    int RrdS,
    int RrdL,
    int Faw,
    int Refi,
    int Rfc,
    int Rtp,
    int Wr)
{
    /// <summary>One parameter in picoseconds.</summary>
    public long Ps(int cycles) => cycles * Tck.Picoseconds;

    /// <summary>Row cycle: the shortest time between activations of one bank.</summary>
    public int Rc => Ras + Rp;
}
