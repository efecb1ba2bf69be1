namespace AccelSim.Numerics;

/// <summary>
/// A pure function of a double, remembered for recently seen arguments in a small direct-mapped table: a column of
/// a quantized tensor holds few distinct values (at most 2^bits per scale block), so rounding each of them to another
/// format costs one evaluation per distinct value instead of one per element.
/// </summary>
public sealed class ValueMemo(Func<double, double> function)
{
    private const int SlotBits = 8;
    private readonly ulong[] keys = new ulong[1 << SlotBits];
    private readonly double[] values = new double[1 << SlotBits];
    private readonly bool[] filled = new bool[1 << SlotBits];

    public double this[double x]
    {
        get
        {
            ulong key = BitConverter.DoubleToUInt64Bits(x);
            // Fibonacci hashing: the top bits of the key times 2^64/φ spread nearby doubles over the slots.
            int slot = (int)(unchecked(key * 0x9E3779B97F4A7C15UL) >> (64 - SlotBits));
            if (filled[slot] && keys[slot] == key)
            {
                return values[slot];
            }

            double y = function(x);
            (keys[slot], values[slot], filled[slot]) = (key, y, true);
            return y;
        }
    }
}
