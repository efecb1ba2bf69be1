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
            }
        }
    }

    public Resource Array { get; }

    public Dictionary<Operand, (SramBufferConfig Buffer, Resource Read, Resource Write)> Ports { get; } = [];
}
