using AccelSim.Units;
using AccelSim.Workloads;
using QuikGraph;
using QuikGraph.Algorithms.Observers;
using QuikGraph.Algorithms.ShortestPath;

namespace AccelSim.Accelerator;

/// <summary>
/// The chain of operations that bounds a run's latency, as the critical-path method defines it on what the run did:
/// a DAG with an edge for every dependency and from each operation to the next one started on the same unit, every
/// operation weighted by its latency, and the heaviest chain through it. <see cref="Length"/> is the chain's summed
/// latency; it exceeds the run's when operations on a unit overlap (a GEMM hands its unit on while its last tiles
/// drain).
/// </summary>
public sealed record CriticalPath(IReadOnlyList<OpResult> Operations, SimTime Length)
{
    public static CriticalPath Of(OpGraph graph, IReadOnlyList<OpResult> ops)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(ops);
        if (ops.Count == 0)
        {
            return new CriticalPath([], default);
        }

        const int source = -1;
        var run = new AdjacencyGraph<int, Edge<int>>(allowParallelEdges: false);
        run.AddVertex(source);
        run.AddVertexRange(Enumerable.Range(0, ops.Count));
        run.AddEdgeRange(Enumerable.Range(0, ops.Count).Select(i => new Edge<int>(source, i)));
        run.AddEdgeRange(graph.Graph.Edges);
        foreach (IGrouping<string, int> unit in Enumerable.Range(0, ops.Count).GroupBy(i => ops[i].Unit, StringComparer.Ordinal))
        {
            int[] started = [.. unit.OrderBy(i => ops[i].Start).ThenBy(i => i)];
            for (int k = 1; k < started.Length; k++)
            {
                run.AddEdge(new Edge<int>(started[k - 1], started[k]));
            }
        }

        // The heaviest chain is the shortest one when each edge weighs minus the latency of the operation it enters;
        // on a DAG negative weights are fine.
        var heaviest = new DagShortestPathAlgorithm<int, Edge<int>>(run, e => -ops[e.Target].Latency.Picoseconds);
        var predecessors = new VertexPredecessorRecorderObserver<int, Edge<int>>();
        using (predecessors.Attach(heaviest))
        {
            heaviest.Compute(source);
        }

        int last = Enumerable.Range(0, ops.Count)
            .OrderBy(i => heaviest.TryGetDistance(i, out double d) ? d : 0)
            .ThenByDescending(i => ops[i].End)
            .ThenByDescending(i => i)
            .First();
        List<OpResult> chain = predecessors.TryGetPath(last, out IEnumerable<Edge<int>>? path)
            ? [.. path.Select(e => ops[e.Target])]
            : [ops[last]];
        return new CriticalPath(chain, new SimTime(chain.Sum(o => o.Latency.Picoseconds)));
    }
}
