namespace AccelSim.Memory.Pim;

/// <summary>Where the MAC units sit: one per bank (Newton, NeuPIMs, AiM) or one shared by two banks (HBM-PIM).</summary>
public enum PimPlacement
{
    PerBank,
    PerBankPair,
}
