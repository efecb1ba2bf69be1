using AccelSim.Events;
using AccelSim.Memory.Sram;

namespace AccelSim.Accelerator;

/// <summary>One copy of a compute unit with its own buffers: the array and each buffer's read and write ports are resources.</summary>
internal sealed class Core
{
    public Core(string name, IReadOnlyList<SramBufferConfig> buffers, Timeline? timeline)
    {
        Array = new Resource(name, timeline);
        foreach (SramBufferConfig buffer in buffers)
        {
            var read = new Resource($"{name}.{buffer.Name}.read", timeline);
            var write = new Resource($"{name}.{buffer.Name}.write", timeline);
            foreach (Operand operand in buffer.Holds)
            {
                Ports[operand] = (buffer, read, write);
            }
        }
    }

    public Resource Array { get; }

    public Dictionary<Operand, (SramBufferConfig Buffer, Resource Read, Resource Write)> Ports { get; } = [];
}
