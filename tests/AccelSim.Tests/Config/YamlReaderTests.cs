using AccelSim.Config.Yaml;
using AccelSim.Units;

namespace AccelSim.Tests.Config;

public class YamlReaderTests
{
    private static (ConfigNode? Root, Diagnostics Diagnostics) Load(string text)
    {
        var diagnostics = new Diagnostics();
        return (YamlSource.Load("d.yaml", text, diagnostics), diagnostics);
    }

    [Fact]
    public void Load_KeepsLineAndColumn()
    {
        (ConfigNode? root, Diagnostics d) = Load("name: x\ncompute:\n  rows: 12\n");
        Assert.False(d.HasErrors);
        var rows = ((ConfigMapping)((ConfigMapping)root!)["compute"]!)["rows"]!;
        Assert.Equal("d.yaml:3:9", rows.Location.ToString());
    }

    [Fact]
    public void Load_DuplicateKeys_ReportsEveryOneAndKeepsTheFirst()
    {
        (ConfigNode? root, Diagnostics d) = Load("a: 1\nb: {x: 1, x: 2}\na: 3\nc: 4\n");
        Assert.Equal(
            ["d.yaml:2:11: duplicate key 'x' (first given at line 2); this one is ignored",
             "d.yaml:3:1: duplicate key 'a' (first given at line 1); this one is ignored"],
            d.Errors.Select(e => e.ToString()));
        var map = (ConfigMapping)root!;
        Assert.Equal("1", ((ConfigScalar)map["a"]!).Value);
        Assert.Equal("4", ((ConfigScalar)map["c"]!).Value);
    }

    [Fact]
    public void Load_SyntaxError_NamesThePosition()
    {
        (_, Diagnostics d) = Load("a: [1, 2\nb: 3\n");
        ConfigError error = Assert.Single(d.Errors);
        Assert.StartsWith("d.yaml:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("YAML syntax error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_ReportsAllErrorsAtOnce()
    {
        (ConfigNode? root, Diagnostics d) = Load("rowz: 4\nclock: 1000\ncols: -1\nkind: systolc\n");
        MappingReader reader = MappingReader.Open(root, "", d)!;
        reader.Int("rows", 1, 4096, 0, required: true);
        reader.Int("cols", 1, 4096, 0);
        reader.Value<Frequency>("clock", Frequency.TryParse, default);
        reader.Choice("kind", ["systolic", "bit-serial"], "systolic");
        reader.Finish();
        Assert.Equal(
            [
                "d.yaml:1:1: rows: required key is missing",
                "d.yaml:1:1: rowz: unknown key; did you mean 'rows'?",
                "d.yaml:2:8: clock: '1000' has no unit: expected a frequency with a unit (Hz, kHz, MHz, GHz), e.g. '1 GHz'",
                "d.yaml:3:7: cols: -1 is out of range: must be from 1 to 4096",
                "d.yaml:4:7: kind: 'systolc' is not one of systolic, bit-serial (did you mean 'systolic'?)",
            ],
            d.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void NamedList_PathsUseNames_AndDuplicateNamesAreErrors()
    {
        (ConfigNode? root, Diagnostics d) = Load("units:\n  - name: a\n    rows: x\n  - name: a\n    rows: 2\n");
        MappingReader reader = MappingReader.Open(root, "", d)!;
        var rows = reader.NamedList("units", (item, _) => item.Int("rows", 1, 10, 0));
        Assert.Equal(2, rows.Count);
        Assert.Equal(
            ["d.yaml:3:11: units[a].rows: expected a whole number, found 'x'",
             "d.yaml:4:5: units[a]: duplicate name 'a' (first used at line 2)"],
            d.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void SetOverride_ReplacesAValueByItemName_AndLocatesItsErrors()
    {
        (ConfigNode? root, Diagnostics d) = Load("units:\n  - name: mxu\n    rows: 8\n");
        SetOverrides.Apply(root, ["units[mxu].rows=64", "units[mxv].rows=2", "units[mxu].rows=big"], d);
        MappingReader reader = MappingReader.Open(root, "", d)!;
        reader.NamedList("units", (item, _) => item.Int("rows", 1, 100, 0));
        Assert.Equal(
            ["--set units[mxv].rows=2: units[mxv]: no item named 'mxv'; the names are mxu (did you mean 'mxu'?)",
             "--set units[mxu].rows=big: units[mxu].rows: expected a whole number, found 'big'"],
            d.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Presets_AreMergedUnderTheMappingsOwnKeys()
    {
        string dir = Directory.CreateTempSubdirectory("accelsim-preset").FullName;
        File.WriteAllText(Path.Combine(dir, "hbm.yaml"), "bandwidth: 410 GB/s\nchannels: 8\nlatnecy: 1 ns\n");
        string main = Path.Combine(dir, "design.yaml");
        File.WriteAllText(main, "memory:\n  preset: hbm.yaml\n  channels: 4\n");
        var d = new Diagnostics();
        ConfigNode? root = YamlSource.LoadFile(main, d);
        Presets.Expand(root, main, d);
        MappingReader reader = MappingReader.Open(((ConfigMapping)root!)["memory"], "memory", d)!;
        Assert.Equal(4, reader.Int("channels", 1, 64, 0));
        Assert.Equal(Bandwidth.Parse("410 GB/s"), reader.Value<Bandwidth>("bandwidth", Bandwidth.TryParse, default));
        reader.Value<SimTime>("latency", SimTime.TryParse, default);
        reader.Finish();
        ConfigError error = Assert.Single(d.Errors);
        Assert.Equal($"{Path.Combine(dir, "hbm.yaml")}:3:1: memory.latnecy: unknown key; did you mean 'latency'?", error.ToString());
    }

    [Fact]
    public void SetOverride_Star_SetsEveryItem()
    {
        (ConfigNode? root, Diagnostics d) = Load("units:\n  - name: mxu\n    rows: 8\n  - name: attn\n    rows: 4\n");
        SetOverrides.Apply(root, ["units[*].rows=16"], d);
        MappingReader reader = MappingReader.Open(root, "", d)!;
        Assert.Equal([16, 16], reader.NamedList("units", (item, _) => item.Int("rows", 1, 100, 0)));
        Assert.False(d.HasErrors);
    }

    [Fact]
    public void OverrideNamingAPreset_ReplacesTheFilesPreset_AndIsFoundBesideTheFile()
    {
        string dir = Directory.CreateTempSubdirectory("accelsim-preset").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "presets"));
        File.WriteAllText(Path.Combine(dir, "presets", "slow.yaml"), "bandwidth: 3 GB/s\nlatency: 1 us\n");
        File.WriteAllText(Path.Combine(dir, "presets", "fast.yaml"), "bandwidth: 63 GB/s\nlatency: 2 us\n");
        string main = Path.Combine(dir, "design.yaml");
        File.WriteAllText(main, "link:\n  preset: presets/slow.yaml\n");
        var d = new Diagnostics();
        MappingReader reader = MappingReader.OpenDocument(main, ["link.preset=presets/fast.yaml", "link.latency=5 us"], d)!;
        MappingReader link = MappingReader.Open(reader.Mapping["link"], "link", d)!;
        // The override's preset replaced the file's; the override's own key wins over the preset's.
        Assert.Equal(Bandwidth.Parse("63 GB/s"), link.Value<Bandwidth>("bandwidth", Bandwidth.TryParse, default));
        Assert.Equal(SimTime.Parse("5 us"), link.Value<SimTime>("latency", SimTime.TryParse, default));
        Assert.False(d.HasErrors, string.Join("\n", d.Errors));
    }
}
