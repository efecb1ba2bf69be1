namespace AccelSim.Units;

/// <summary>
/// How long a transfer takes at a rate (<see cref="Bandwidth.TimeFor"/>), remembering the last answer: a pipeline
/// moves the same tile size through the same port over and over, and the exact ceiling costs a division (a 128-bit
/// one past 1 MB).
/// </summary>
public sealed class TransferTime
{
    private Bandwidth rate;
    private long bits = -1;
    private SimTime time;

    public SimTime For(Bandwidth bandwidth, ByteSize size)
    {
        if (size.Bits != bits || bandwidth != rate)
        {
            (rate, bits, time) = (bandwidth, size.Bits, bandwidth.TimeFor(size));
        }

        return time;
    }
}
