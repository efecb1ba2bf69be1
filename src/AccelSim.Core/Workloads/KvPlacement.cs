namespace AccelSim.Workloads;

/// <summary>How requests' KV caches are spread over the PIM channels (each request's cache lives in one channel).</summary>
public enum KvPlacement
{
    /// <summary>Request i in channel i mod channels.</summary>
    RoundRobin,

    /// <summary>Longest context first, each into the channel with the least attention work so far (NeuPIMs' Algorithm 1).</summary>
    Greedy,
}
