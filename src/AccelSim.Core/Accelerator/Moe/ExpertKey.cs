namespace AccelSim.Accelerator.Moe;

/// <summary>One expert of one layer, in one of its precisions: the unit an expert cache holds and the link loads.</summary>
public readonly record struct ExpertKey(int Layer, int Expert, ExpertPrecision Precision);
