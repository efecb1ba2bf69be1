namespace AccelSim.Hardware.Systolic;

/// <summary>The YAML names of dataflows; SCALE-Sim's short names are accepted too.</summary>
public static class DataflowNames
{
    public static IReadOnlyDictionary<string, Dataflow> ByName { get; } = new Dictionary<string, Dataflow>
    {
        ["weight-stationary"] = Dataflow.WeightStationary,
        ["output-stationary"] = Dataflow.OutputStationary,
        ["input-stationary"] = Dataflow.InputStationary,
        ["ws"] = Dataflow.WeightStationary,
        ["os"] = Dataflow.OutputStationary,
        ["is"] = Dataflow.InputStationary,
    };

    public static string Name(Dataflow dataflow) => dataflow switch
    {
        Dataflow.WeightStationary => "weight-stationary",
        Dataflow.OutputStationary => "output-stationary",
        _ => "input-stationary",
    };
}
