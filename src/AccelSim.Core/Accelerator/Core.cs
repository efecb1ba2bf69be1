using AccelSim.Events;
using AccelSim.Memory.Sram;

namespace AccelSim.Accelerator;

/// <summary>
/// One copy of a compute unit with its buffers: the array and each buffer's read and write ports are resources. A
/// buffer marked shared has one set of ports for every core of every unit; the others are the core's own.
/// </summary>
internal sealed class Core
{
    public Core(string name, IReadOnlyList<SramBufferConfig> buffers, IReadOnlyDictionary<string, (Resource Read, Resource Write)> shared, Timeline? timeline)
    {
        Array = new Resource(name, timeline);
        foreach (SramBufferConfig buffer in buffers)
        {
            (Resource read, Resource write) = shared.TryGetValue(buffer.Name, out var ports)
                ? ports
                : (new Resource($"{name}.{buffer.Name}.read", timeline), new Resource($"{name}.{buffer.Name}.write", timeline));
            foreach (Operand operand in buffer.Holds)
            {
                Ports[operand] = (buffer, read, write);
                byOperand[(int)operand] = (buffer, read, write);
            }
        }

        Slots = Ports.Values.All(p => p.Buffer.DoubleBuffered) ? 2 : 1;
    }

    public Resource Array { get; }

    /// <summary>Tile slots of the core's buffers: two when every buffer is double-buffered.</summary>
    public int Slots { get; }

    /// <summary>Tiles in the buffers now, of whichever operations (loading, loaded or computing).</summary>
    public int TilesHeld { get; private set; }

    /// <summary>The most tiles the buffers ever held at once over the run.</summary>
    public int PeakTilesHeld { get; private set; }

    private readonly List<Action> waiting = [];

    /// <summary>No tile in the buffers and nobody waiting for a slot.</summary>
    public bool Idle => TilesHeld == 0 && waiting.Count == 0;

    /// <summary>Takes a slot for a tile if one is free; an operation that finds none waits for <see cref="Notify"/>.</summary>
    public bool TryTake(Action retry)
    {
        if (TilesHeld >= Slots)
        {
            if (!waiting.Contains(retry))
            {
                waiting.Add(retry);
            }

            return false;
        }

        PeakTilesHeld = Math.Max(PeakTilesHeld, ++TilesHeld);
        return true;
    }

    /// <summary>A tile has left the array; its slot is free.</summary>
    public void Free() => TilesHeld--;

    /// <summary>Offers free slots to the operations waiting for one, in the order they asked.</summary>
    public void Notify()
    {
        if (waiting.Count == 0)
        {
            return;
        }

        Action[] retries = [.. waiting];
        waiting.Clear();
        foreach (Action retry in retries)
        {
            retry();
        }
    }

    /// <summary>The ports of each operand's buffer, in the order the buffers are declared.</summary>
    public Dictionary<Operand, (SramBufferConfig Buffer, Resource Read, Resource Write)> Ports { get; } = [];

    // The same, indexed by operand: looked up for every tile.
    private readonly (SramBufferConfig Buffer, Resource Read, Resource Write)[] byOperand = new (SramBufferConfig, Resource, Resource)[3];

    public (SramBufferConfig Buffer, Resource Read, Resource Write) PortsOf(Operand operand) => byOperand[(int)operand];
}
