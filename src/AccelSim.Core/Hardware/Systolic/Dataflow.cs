namespace AccelSim.Hardware.Systolic;

/// <summary>Which operand stays in the PEs while the others stream through.</summary>
public enum Dataflow
{
    WeightStationary,
    OutputStationary,
    InputStationary,
}
