using AccelSim.Workloads.Moe;

namespace AccelSim.Accelerator.Moe;

/// <summary>
/// How a device with too little memory for a MoE model's experts decides, per token and layer, which copy of each
/// routed expert to run (high or low precision, or none), what to keep in its expert cache (the eviction rule, and
/// the share of memory kept for low-precision copies), and what to load ahead of need. Each policy is one subclass;
/// its parameters are YAML keys read by its <see cref="OffloadPolicies"/> entry.
/// </summary>
public abstract class OffloadPolicy
{
    public abstract string Name { get; }

    /// <summary>What the policy's parameters are, for reports.</summary>
    public abstract string Description { get; }

    /// <summary>True when every expert is held on the device from the start (the upper bound; the memory must fit them).</summary>
    public virtual bool HoldsEverything => false;

    public abstract EvictionRule Eviction { get; }

    /// <summary>True when each layer gets an equal share of the expert memory and evicts only its own experts.</summary>
    public virtual bool PerLayerCache => false;

    /// <summary>The share of the expert memory kept for low-precision copies (0: one pool for whatever is loaded).</summary>
    public virtual double LowPoolShare => 0;

    /// <summary>The copy each chosen expert runs from, the choices given largest gate weight first.</summary>
    public virtual ExpertPrecision[] Precisions(IReadOnlyList<ExpertChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return [.. choices.Select(_ => ExpertPrecision.High)];
    }

    /// <summary>How many layers ahead <see cref="Prefetch"/> is asked to predict; none by default.</summary>
    public virtual int PrefetchLayers => 0;

    /// <summary>
    /// Copies to load for <paramref name="layer"/>, <paramref name="ahead"/> layers before its router runs, given what
    /// each token will in fact choose there (<paramref name="truth"/>): a predictor is modelled as right with some
    /// probability, drawn from <paramref name="random"/>. None by default.
    /// </summary>
    public virtual IReadOnlyList<ExpertKey> Prefetch(int layer, int ahead, IReadOnlyList<IReadOnlyList<ExpertChoice>> truth, int experts, Random random) => [];
}
