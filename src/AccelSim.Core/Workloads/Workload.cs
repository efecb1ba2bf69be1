namespace AccelSim.Workloads;

/// <summary>A named list of operations and anything the reader assumed that the user should know (printed with the results).</summary>
public sealed record Workload(string Name, string Source, IReadOnlyList<Operation> Operations, IReadOnlyList<string> Notes);
