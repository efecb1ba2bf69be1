using AccelSim.Sweep;

namespace AccelSim.Tests.Sweep;

public class FailureReasonsTests
{
    private static PointResult Failed(int index, string error) =>
        new(index, $"k{index}", "d.yaml", "w.yaml", [], "d", "systolic", PointResult.Failed, error, new Dictionary<string, double?>());

    [Fact]
    public void Failures_AreCountedByReason_WithoutPlaceOrOperation_MostFrequentFirst()
    {
        PointResult[] results =
        [
            Failed(1, "../../workloads/default.yaml:2:1: layer0.q_proj and 223 more alike (layer0.k_proj, …): no unit runs int8 × int2-g64"),
            Failed(4, "../../workloads/default.yaml:2:1: layer0.q_proj and 223 more alike (layer0.k_proj, …): no unit runs int8 × int2-g64; second error"),
            Failed(7, "w.yaml:3:5: x: no unit runs int8 × int2-g64"),
            Failed(9, "w.yaml:3:5: ffn_up: weights do not fit"),
            new(10, "k10", "d.yaml", "w.yaml", [], "d", "systolic", PointResult.Ok, "", new Dictionary<string, double?>()),
        ];
        Assert.Equal("4 failed: 3 × 'no unit runs int8 × int2-g64' (#1, #4, #7); 1 × 'weights do not fit' (#9)", FailureReasons.Summary(results));
        Assert.Equal("", FailureReasons.Summary([results[^1]]));
    }
}
