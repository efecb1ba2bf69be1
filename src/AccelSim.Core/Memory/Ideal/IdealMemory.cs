using AccelSim.Units;

namespace AccelSim.Memory.Ideal;

/// <summary>Completes every request at once; counts the traffic all the same.</summary>
public sealed class IdealMemory : IMemoryModel
{
    private long readBits;
    private long writtenBits;
    private long requests;

    public string Kind => IdealMemoryKind.Name;

    public string Name => IdealMemoryKind.Name;

    public string Description => "ideal memory (never stalls)";

    public bool NeverStalls => true;

    public SimTime Access(SimTime now, in MemoryRequest request)
    {
        requests++;
        if (request.IsWrite)
        {
            writtenBits += request.Size.Bits;
        }
        else
        {
            readBits += request.Size.Bits;
        }

        return now;
    }

    public MemoryStats Stats => new(new ByteSize(readBits), new ByteSize(writtenBits), requests, SimTime.Zero);
}
