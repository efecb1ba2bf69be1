using AccelSim.Memory;
using AccelSim.Memory.BankTimed;
using Xunit;

namespace AccelSim.Tests.Memory;

/// <summary>
/// A bank-timed unit held as a relative state leaves out every time that can no longer hold a command up, for good.
/// Two units driven by the same bursts, one of them held and written out again every few bursts, must answer every
/// burst alike: with arrivals that fall on, just before and just after the times left out, in every preset.
/// </summary>
public class DramUnitRelativeStateTests
{
    public static TheoryData<string, int> Cases() => BankTimedDramTests.PresetsAndSeeds(4);

    [Theory]
    [MemberData(nameof(Cases))]
    public void LeavingOutWhatCannotMatter_ChangesNoBurst(string preset, int seed)
    {
        var random = new Random(preset.Sum(ch => ch) + (seed * 104729));
        int depth = seed % 2 == 0 ? random.Next(1, 4) : random.Next(4, 40);
        // Refreshes a few hundred cycles apart, past the refresh's own length.
        int refresh = BankTimedDramTests.Preset(preset).Timing.Rfc;
        BankTimedDramConfig config = BankTimedDramTests.Preset(preset, $"queue_depth={depth}", $"timing.tREFI={refresh + random.Next(150, 900)}");
        DramOrganization o = config.Organization;
        const long Rows = 7;
        var plain = new DramUnit(config.Timing, PagePolicy.Open, o.Banks, Rows, depth, 1, 3);
        var held = new DramUnit(config.Timing, PagePolicy.Open, o.Banks, Rows, depth, 1, 3);
        var memo = new ServeMemo(held.StateLength, 1024);
        long tck = config.Timing.Tck.Picoseconds;
        long now = 0;
        long last = 0;
        for (int i = 0; i < 4000; i++)
        {
            // Arrivals on and around the last burst's times, so that a time left out would show.
            now = Math.Max(now, random.Next(4) switch
            {
                0 => now,
                1 => last - (tck * random.Next(0, 60)),
                2 => last + (tck * random.Next(0, 60)),
                _ => now + (tck * random.Next(0, 2000)),
            });
            int bank = random.Next(seed < 2 ? o.Banks : Math.Min(o.Banks, 4));
            long row = random.Next((int)Rows);
            bool write = random.Next(4) == 0;
            long expected = plain.Issue(now, bank / o.BanksPerGroup, bank, row, write, false, out long expectedColumn);
            long actual = held.Issue(now, bank / o.BanksPerGroup, bank, row, write, false, out long actualColumn);
            Assert.True(expected == actual && expectedColumn == actualColumn, $"burst {i}: column {actualColumn} ending {actual} instead of {expectedColumn} ending {expected}");
            last = expectedColumn;
            if (random.Next(3) == 0)
            {
                held.ForgetWhatCannotMatter(memo, random.Next((int)Rows));
            }
        }

        Assert.Equal((plain.Hits, plain.Misses, plain.Conflicts, plain.Refreshes, plain.BusyPicoseconds), (held.Hits, held.Misses, held.Conflicts, held.Refreshes, held.BusyPicoseconds));
        Assert.True(plain.Conflicts > 0 && plain.Misses > 0 && plain.Refreshes > 0, $"{plain.Hits} hits, {plain.Misses} misses, {plain.Conflicts} conflicts, {plain.Refreshes} refreshes");
    }
}
