namespace AccelSim.Workloads;

/// <summary>
/// A named list of operations and anything the reader assumed that the user should know (printed with the results).
/// <see cref="Tokens"/> is how many tokens an LLM workload processes (prompt tokens in prefill, one per sequence in
/// decode), for energy per token; null for other workloads.
/// A batched decode for NPU + PIM systems carries its requests in <see cref="Decode"/> instead of an operation list,
/// and a MoE decode with expert offloading its routing in <see cref="Moe"/>.
/// </summary>
public sealed record Workload(string Name, string Source, IReadOnlyList<Operation> Operations, IReadOnlyList<string> Notes, long? Tokens = null,
    BatchedDecode? Decode = null, Moe.MoeDecode? Moe = null);
