using AccelSim.Text;

namespace AccelSim.Tests.Text;

public class SpellingTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("rows", "rosw", 1)]
    [InlineData("", "abc", 3)]
    public void Distance_KnownPairs(string a, string b, int expected) => Assert.Equal(expected, Spelling.Distance(a, b));

    [Fact]
    public void ClosestMatch_TypoFound_NonsenseNot()
    {
        Assert.Equal("gaussian", Spelling.ClosestMatch("gausian", ["gaussian", "laplace"]));
        Assert.Null(Spelling.ClosestMatch("zzzzzzzz", ["gaussian", "laplace"]));
    }
}
