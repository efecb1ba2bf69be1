using AccelSim.Config.Yaml;
using AccelSim.Text;
using QuikGraph;

namespace AccelSim.Workloads;

/// <summary>
/// The operations of a workload as a DAG (a QuikGraph graph): names are unique, every dependency names an operation
/// that exists, and there is no cycle. <see cref="Order"/> is a topological order of the graph that keeps the
/// written order wherever the dependencies allow, so runs are deterministic; <see cref="Graph"/> has one vertex per
/// position in it and an edge from each operation to every operation that waits for it.
/// </summary>
public sealed class OpGraph
{
    private OpGraph(IReadOnlyList<Operation> order, BidirectionalGraph<int, Edge<int>> graph)
    {
        Order = order;
        Graph = graph;
        Dependencies = [.. Enumerable.Range(0, order.Count).Select(i => (IReadOnlyList<int>)[.. graph.InEdges(i).Select(e => e.Source).Order()])];
    }

    public IReadOnlyList<Operation> Order { get; }

    /// <summary>The dependencies between positions of <see cref="Order"/>: an edge from what runs first to what waits for it.</summary>
    public IBidirectionalGraph<int, Edge<int>> Graph { get; }

    /// <summary>For each operation of <see cref="Order"/>, the positions in <see cref="Order"/> of what it waits for.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Dependencies { get; }

    public static OpGraph? Build(IReadOnlyList<Operation> operations, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        bool ok = true;
        for (int i = 0; i < operations.Count; i++)
        {
            if (!index.TryAdd(operations[i].Name, i))
            {
                diagnostics.Add(operations[i].Location, operations[i].Name, "duplicate operation name");
                ok = false;
            }
        }

        // Written positions first; the graph is renumbered by the topological order once it is known.
        var written = new BidirectionalGraph<int, Edge<int>>(allowParallelEdges: false);
        written.AddVertexRange(Enumerable.Range(0, operations.Count));
        for (int i = 0; i < operations.Count; i++)
        {
            foreach (string dependency in operations[i].DependsOn)
            {
                if (!index.TryGetValue(dependency, out int from))
                {
                    string? close = Spelling.ClosestMatch(dependency, index.Keys);
                    diagnostics.Add(operations[i].Location, $"{operations[i].Name}.depends_on",
                        $"no operation named '{dependency}'" + (close is null ? "" : $" (did you mean '{close}'?)"));
                    ok = false;
                    continue;
                }

                written.AddEdge(new Edge<int>(from, i));
            }
        }

        List<int> order = StableTopologicalOrder(written);
        if (order.Count < operations.Count)
        {
            var placed = new HashSet<int>(order);
            Operation first = operations.Where((_, i) => !placed.Contains(i)).First();
            var cycle = operations.Where((_, i) => !placed.Contains(i)).Select(o => o.Name);
            diagnostics.Add(first.Location, first.Name, $"dependencies form a cycle, so these operations can never start: {string.Join(", ", cycle)}");
            return null;
        }

        if (!ok)
        {
            return null;
        }

        int[] position = new int[operations.Count];
        for (int p = 0; p < order.Count; p++)
        {
            position[order[p]] = p;
        }

        var graph = new BidirectionalGraph<int, Edge<int>>(allowParallelEdges: false);
        graph.AddVertexRange(Enumerable.Range(0, order.Count));
        graph.AddEdgeRange(written.Edges.Select(e => new Edge<int>(position[e.Source], position[e.Target])).OrderBy(e => e.Target).ThenBy(e => e.Source));
        return new OpGraph([.. order.Select(i => operations[i])], graph);
    }

    /// <summary>
    /// Kahn's algorithm on the graph, always taking the ready vertex written first (QuikGraph's own sorts break ties
    /// by their internal queues, which would reorder independent operations). Vertices on a cycle are left out.
    /// </summary>
    private static List<int> StableTopologicalOrder(BidirectionalGraph<int, Edge<int>> graph)
    {
        var waiting = graph.Vertices.ToDictionary(v => v, graph.InDegree);
        var ready = new PriorityQueue<int, int>();
        foreach (int v in graph.Vertices.Where(v => waiting[v] == 0))
        {
            ready.Enqueue(v, v);
        }

        var order = new List<int>(graph.VertexCount);
        while (ready.TryDequeue(out int next, out _))
        {
            order.Add(next);
            foreach (Edge<int> edge in graph.OutEdges(next))
            {
                if (--waiting[edge.Target] == 0)
                {
                    ready.Enqueue(edge.Target, edge.Target);
                }
            }
        }

        return order;
    }
}
