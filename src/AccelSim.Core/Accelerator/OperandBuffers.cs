namespace AccelSim.Accelerator;

/// <summary>
/// Operand arrays reused from one functional check to the next on the same thread. A full check of a 7B model's
/// layer draws hundreds of MB per operand, and fresh pages (zeroed by the kernel on first touch) cost about as much
/// as generating the values; a thread keeps its largest pair until it ends.
/// </summary>
internal static class OperandBuffers
{
    [ThreadStatic]
    private static double[]? activations;

    [ThreadStatic]
    private static double[]? weights;

    public static Span<double> Activations(int length) => Take(ref activations, length);

    public static Span<double> Weights(int length) => Take(ref weights, length);

    private static Span<double> Take(ref double[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = null; // the smaller array may be collected before the larger one is allocated
            buffer = new double[length];
        }

        return buffer.AsSpan(0, length);
    }
}
