using AccelSim.Numerics;

namespace AccelSim.Hardware;

/// <summary>The check every PE kind starts its <see cref="IPeModel.CannotRun"/> with: both formats must be ones the unit lists.</summary>
public static class PeFormats
{
    public static string? NotListed(IPeModel unit, NumericFormat activation, NumericFormat weight)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(weight);
        if (!unit.ActivationFormats.Any(f => f.Name == activation.Name))
        {
            return $"activation format {activation.Name} is not one of {unit.Name}'s activation_formats ({string.Join(", ", unit.ActivationFormats)})";
        }

        return unit.WeightFormats.Any(f => f.Name == weight.Name)
            ? null
            : $"weight format {weight.Name} is not one of {unit.Name}'s weight_formats ({string.Join(", ", unit.WeightFormats)})";
    }
}
