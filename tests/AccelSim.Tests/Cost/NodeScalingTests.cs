using AccelSim.Cost;

namespace AccelSim.Tests.Cost;

/// <summary>Stillmaker-Baas factors from 45 nm, against the values the reference notes computed from the paper's equations.</summary>
public class NodeScalingTests
{
    [Theory]
    [InlineData(32, 0.460, 0.641, 0.659)]
    [InlineData(28, 0.377, 0.507, 0.513)]
    [InlineData(22, 0.252, 0.305, 0.294)]
    [InlineData(16, 0.190, 0.187, 0.174)]
    [InlineData(14, 0.170, 0.150, 0.139)]
    [InlineData(10, 0.100, 0.127, 0.118)]
    [InlineData(7, 0.059, 0.102, 0.094)]
    public void From45nm_MatchesTheTabulatedFactors(int node, double area, double energyAt09V, double energyAt08V)
    {
        Assert.Equal(area, NodeScaling.AreaFactor(45, node), 3);
        Assert.Equal(energyAt09V, NodeScaling.EnergyFactor(45, 0.9, node, 0.9), 3);
        Assert.Equal(energyAt08V, NodeScaling.EnergyFactor(45, 0.8, node, 0.8), 3);
    }

    [Fact]
    public void SameNodeAndVoltage_IsOne()
    {
        Assert.Equal(1, NodeScaling.AreaFactor(28, 28), 12);
        Assert.Equal(1, NodeScaling.EnergyFactor(28, 0.9, 28, 0.9), 12);
    }

    [Fact]
    public void LowerVoltage_AtTheSameNode_CostsLessEnergy() =>
        Assert.True(NodeScaling.EnergyFactor(7, 0.9, 7, 0.7) < 1);

    [Fact]
    public void OutsideTheCoveredNodes_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NodeScaling.AreaFactor(45, 5));
}
