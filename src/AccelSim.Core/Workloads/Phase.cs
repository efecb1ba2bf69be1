namespace AccelSim.Workloads;

/// <summary>Prefill processes a whole prompt at once; decode produces one token per sequence against the KV cache.</summary>
public enum Phase
{
    Prefill,
    Decode,
}
