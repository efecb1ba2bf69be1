namespace AccelSim.Workloads.Moe;

/// <summary>
/// Which experts each token visits at each layer: <c>Choices(token, layer)</c> lists them by gate weight, largest
/// first; a dense layer has none. <see cref="Source"/> says where the routing came from (a seeded generator and its
/// parameters, or a CSV file).
/// </summary>
public sealed class RoutingTrace
{
    private readonly ExpertChoice[][][] choices;

    public RoutingTrace(int experts, int topK, ExpertChoice[][][] choices, string source)
    {
        ArgumentNullException.ThrowIfNull(choices);
        Experts = experts;
        TopK = topK;
        this.choices = choices;
        Source = source;
    }

    public int Experts { get; }

    public int TopK { get; }

    public string Source { get; }

    public int Tokens => choices.Length;

    public int Layers => choices.Length == 0 ? 0 : choices[0].Length;

    public IReadOnlyList<ExpertChoice> Choices(int token, int layer) => choices[token][layer];
}
