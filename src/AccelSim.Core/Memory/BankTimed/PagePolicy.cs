namespace AccelSim.Memory.BankTimed;

/// <summary>Whether a bank keeps its row open after an access (betting on a hit) or precharges at once.</summary>
public enum PagePolicy
{
    /// <summary>Rows stay open until another row of the bank is needed (or a refresh).</summary>
    Open,

    /// <summary>A row is precharged after the last burst a request reads from it.</summary>
    Closed,
}
