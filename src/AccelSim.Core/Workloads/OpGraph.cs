using AccelSim.Config.Yaml;
using AccelSim.Text;

namespace AccelSim.Workloads;

/// <summary>
/// The operations of a workload as a DAG: names are unique, every dependency names an earlier-or-later operation
/// that exists, and there is no cycle. <see cref="Order"/> is a topological order that keeps the written order
/// wherever the dependencies allow, so runs are deterministic.
/// </summary>
public sealed class OpGraph
{
    private OpGraph(IReadOnlyList<Operation> order, IReadOnlyList<IReadOnlyList<int>> dependencies)
    {
        Order = order;
        Dependencies = dependencies;
    }

    public IReadOnlyList<Operation> Order { get; }

    /// <summary>For each operation of <see cref="Order"/>, the positions in <see cref="Order"/> of what it waits for.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Dependencies { get; }

    public static OpGraph? Build(IReadOnlyList<Operation> operations, Diagnostics diagnostics)
    {
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

        var incoming = new List<int>[operations.Count];
        var outgoing = new List<int>[operations.Count];
        for (int i = 0; i < operations.Count; i++)
        {
            incoming[i] = [];
            outgoing[i] = [];
        }

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

                incoming[i].Add(from);
                outgoing[from].Add(i);
            }
        }

        // Kahn's algorithm, always taking the ready operation written first.
        int[] waiting = [.. incoming.Select(l => l.Count)];
        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < operations.Count; i++)
        {
            if (waiting[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(operations.Count);
        while (ready.TryDequeue(out int next, out _))
        {
            order.Add(next);
            foreach (int after in outgoing[next])
            {
                if (--waiting[after] == 0)
                {
                    ready.Enqueue(after, after);
                }
            }
        }

        if (order.Count < operations.Count)
        {
            Operation first = operations.Where((_, i) => waiting[i] > 0).First();
            var cycle = operations.Where((_, i) => waiting[i] > 0).Select(o => o.Name);
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

        return new OpGraph(
            [.. order.Select(i => operations[i])],
            [.. order.Select(i => (IReadOnlyList<int>)[.. incoming[i].Select(d => position[d]).Order()])]);
    }
}
