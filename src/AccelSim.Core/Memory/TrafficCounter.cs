using AccelSim.Events;
using AccelSim.Units;

namespace AccelSim.Memory;

/// <summary>Counts what a memory served: bits read and written and requests, whatever its timing model.</summary>
internal sealed class TrafficCounter
{
    private long readBits;
    private long writtenBits;
    private long requests;

    public void Count(in MemoryRequest request)
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
    }

    public MemoryCheckpoint Checkpoint(IReadOnlyList<ResourceCheckpoint> channels) => new(readBits, writtenBits, requests, channels);

    /// <summary>Counts once more what was counted since <paramref name="since"/>.</summary>
    public void RepeatSince(MemoryCheckpoint since)
    {
        readBits = checked(readBits + (readBits - since.ReadBits));
        writtenBits = checked(writtenBits + (writtenBits - since.WrittenBits));
        requests += requests - since.Requests;
    }

    public MemoryStats Stats(SimTime busy, RowBufferStats? rows = null) => new(new ByteSize(readBits), new ByteSize(writtenBits), requests, busy, rows);
}
