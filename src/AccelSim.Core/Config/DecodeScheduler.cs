namespace AccelSim.Config;

/// <summary>How a batched decode splits its work between the NPU and the memory's PIM banks.</summary>
public enum DecodeScheduler
{
    /// <summary>Everything on the NPU; attention reads each request's KV cache from memory.</summary>
    NpuOnly,

    /// <summary>Attention GEMVs in the PIM banks, phases one after another over the whole batch (naive NPU + PIM).</summary>
    NpuPim,

    /// <summary>NeuPIMs: the batch split in two sub-batches so one's attention runs in PIM while the other's GEMMs run on the NPU.</summary>
    NeuPims,
}
