namespace AccelSim.Workloads.Moe;

/// <summary>One expert the router picked for a token at a layer, with its gate weight (the chosen experts' weights sum to one).</summary>
public readonly record struct ExpertChoice(int Expert, double GateWeight);
