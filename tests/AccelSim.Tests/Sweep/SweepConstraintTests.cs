using AccelSim.Config.Yaml;
using AccelSim.Sweep;

namespace AccelSim.Tests.Sweep;

public class SweepConstraintTests
{
    private static SweepConstraint Parse(string text)
    {
        SweepConstraint? constraint = SweepConstraint.Parse(text, default, out string error);
        Assert.True(constraint is not null, error);
        return constraint!;
    }

    [Theory]
    [InlineData("rows * cols <= 65536", 256, 256, true)]
    [InlineData("rows * cols <= 65536", 256, 512, false)]
    [InlineData("rows * cols < 65536", 256, 256, false)]
    [InlineData("(rows + cols) / 2 == 96", 64, 128, true)]
    [InlineData("-rows + 2 * cols >= 0", 64, 32, true)]
    [InlineData("rows != cols", 64, 64, false)]
    [InlineData("rows > 1e2", 128, 1, true)]
    [InlineData("rows / (cols - cols) > 0", 1, 1, false)]
    public void Conditions_EvaluateWithStandardPrecedence(string text, double rows, double cols, bool holds)
    {
        SweepConstraint constraint = Parse(text);
        Assert.Equal(holds, constraint.Holds(name => name == "rows" ? rows : name == "cols" ? cols : null));
    }

    [Fact]
    public void Names_AreEveryIdentifierRead()
    {
        Assert.Equal(["area_mm2", "cols", "rows"], Parse("area_mm2 * rows <= 50 * cols").Names);
    }

    [Fact]
    public void UnknownName_FailsThePoint()
    {
        Assert.False(Parse("sqnr_db >= 30").Holds(_ => null));
    }

    [Theory]
    [InlineData("rows * cols", "expected a comparison")]
    [InlineData("rows <= ", "the expression ends too early")]
    [InlineData("rows <= 5 5", "unexpected '5' at character 11")]
    [InlineData("(rows <= 5", "expected ')'")]
    [InlineData("rows <= 1.2.3", "'1.2.3' is not a number")]
    public void Malformed_IsRejectedWithWhereItStopped(string text, string message)
    {
        Assert.Null(SweepConstraint.Parse(text, new SourceLocation("s.yaml", 3, 5), out string error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
