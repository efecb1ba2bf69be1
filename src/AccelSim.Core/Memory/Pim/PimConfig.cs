using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Memory.Pim;

/// <summary>
/// The <c>pim:</c> block of a bank-timed HBM: MAC units per bank or bank pair, each with <see cref="Lanes"/>
/// 16-bit lanes (so one column access feeds it <see cref="AccessBits"/> bits), the formats its matrix may be stored
/// in, the input vector's format, the units' clock and whether the banks have a second row buffer.
/// </summary>
public sealed record PimConfig(
    PimPlacement Placement,
    int Lanes,
    NumericFormat Input,
    IReadOnlyList<NumericFormat> Formats,
    Frequency Clock,
    PimMode Mode)
{
    /// <summary>
    /// Bits one column access delivers to a unit: 16 per lane (HBM-PIM's and Newton's 256-bit access for 16 FP16
    /// lanes). A narrower matrix format packs more elements into the access, and the unit has that many narrower
    /// multipliers, so INT8 and INT4 KV caches finish a GEMV in half or a quarter of the accesses.
    /// </summary>
    public int AccessBits => Lanes * 16;

    /// <summary>Matrix elements one access delivers.</summary>
    public int ElementsPerAccess(NumericFormat matrix) => AccessBits / matrix.Element.Bits;

    /// <summary>Null when a GEMV of an input in <paramref name="input"/> over a matrix in <paramref name="matrix"/> runs in the banks; otherwise why not.</summary>
    public string? CannotRun(NumericFormat input, NumericFormat matrix)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(matrix);
        if (input.Name != Input.Name)
        {
            return $"the PIM units take {Input.Name} input vectors, not {input.Name}";
        }

        return Formats.Any(f => f.Name == matrix.Name)
            ? null
            : $"the PIM units take matrices in {string.Join(", ", Formats.Select(f => f.Name))}, not {matrix.Name}";
    }
}
