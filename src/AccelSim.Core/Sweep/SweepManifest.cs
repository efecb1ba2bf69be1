namespace AccelSim.Sweep;

/// <summary>
/// What a results directory holds (<c>sweep.json</c>): the sweep's name, spec file and fingerprint, its axis names
/// (the settings columns), its objectives, how many points the spec expands to and which shard this directory ran
/// (<c>1/1</c> for all). Resume and merge compare fingerprints so results of different specs never mix.
/// </summary>
public sealed record SweepManifest(string Name, string Spec, string Fingerprint, IReadOnlyList<string> Axes, IReadOnlyList<SweepObjective> Objectives, int Points, string Shard)
{
    public static SweepManifest For(SweepSpec spec, int points, string shard)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new SweepManifest(spec.Name, spec.File, spec.Fingerprint, [.. spec.Axes.Select(a => a.Name)], spec.Objectives, points, shard);
    }
}
