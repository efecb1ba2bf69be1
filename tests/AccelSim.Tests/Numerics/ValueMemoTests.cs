using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

public class ValueMemoTests
{
    [Fact]
    public void Memo_GivesTheFunctionsValue_EvenWhereArgumentsShareASlot()
    {
        int calls = 0;
        var memo = new ValueMemo(x =>
        {
            calls++;
            return Math.Sqrt(x) + 1;
        });
        var random = new Random(4);
        // 5,000 distinct arguments over 256 slots: most collide, each must still map to its own value.
        double[] arguments = [.. Enumerable.Range(0, 5000).Select(_ => random.NextDouble() * 100)];
        foreach (double x in arguments.Concat(arguments.Reverse()))
        {
            Assert.Equal(Math.Sqrt(x) + 1, memo[x]);
        }

        calls = 0;
        foreach (double x in new[] { 0.5, 0.5, 0.5, -0.0, 0.0, -0.0 })
        {
            _ = memo[x];
        }

        Assert.Equal(3, calls); // 0.5 once; −0 and +0 are different arguments (their roundings can differ in sign)
    }
}
