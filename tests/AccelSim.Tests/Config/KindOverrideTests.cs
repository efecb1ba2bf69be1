using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Hardware.BitSerial;
using AccelSim.Hardware.LutCore;
using AccelSim.Tests.Cli;

namespace AccelSim.Tests.Config;

/// <summary>
/// <c>--set compute[x].kind=...</c> (and a sweep's kind axis) turns a file's unit into another PE kind: shared keys
/// carry over, the old kind's own keys are dropped with a note, and everything else is checked as before.
/// </summary>
public class KindOverrideTests
{
    private static readonly string Default = Path.Combine(AppContext.BaseDirectory, "arch-configs", "default.yaml");

    private static (ArchitectureConfig? Design, List<string> Errors) Load(string file, params string[] overrides)
    {
        var diagnostics = new Diagnostics();
        ArchitectureConfig? design = ArchitectureLoader.Load(file, overrides, diagnostics);
        return (design, [.. diagnostics.Errors.Select(e => e.ToString())]);
    }

    [Fact]
    public void SharedKeysCarryOver_AndTheOldKindsKeysAreDroppedWithANote()
    {
        (ArchitectureConfig? design, List<string> errors) = Load(Default, "compute[mxu].kind=bit-serial");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        BitSerialPeConfig unit = Assert.IsType<BitSerialPeConfig>(Assert.Single(design!.Compute));
        Assert.Equal((128, 128), (unit.Rows, unit.Columns));
        Assert.Contains("compute[mxu]: kind set to bit-serial; dropped dataflow, preload, which bit-serial has no use for", design.Notes);
    }

    [Fact]
    public void OutputStationary_OnADesignThatOverlapsItsPreload_RunsAndSaysThePreloadHasNoEffect()
    {
        (ArchitectureConfig? design, List<string> errors) = Load(Default, "compute[mxu].dataflow=output-stationary");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.DoesNotContain("overlapped", Assert.Single(design!.Compute).Build().Description, StringComparison.Ordinal);
        Assert.Contains("compute[mxu]: preload: overlapped has no effect output-stationary, which preloads no operand", design.Notes);
    }

    [Fact]
    public void SeveralDataflows_GiveOneMappingEach_AndABadOneIsNamed()
    {
        (ArchitectureConfig? design, List<string> errors) = Load(Default, "compute[mxu].dataflow=[ws, os, is]", "mapping_objective=edp");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        AccelSim.Hardware.IPeModel unit = Assert.Single(design!.Compute).Build();
        Assert.Equal(["weight-stationary", "output-stationary", "input-stationary"], unit.Mappings.Select(m => m.SpatialMapping));
        Assert.Equal(AccelSim.Accelerator.MappingObjective.Edp, design.MappingObjective);
        // The overlapped preload of the design holds for the dataflows that preload.
        Assert.Contains("overlapped", unit.Description, StringComparison.Ordinal);

        (_, errors) = Load(Default, "compute[mxu].dataflow=[ws, diagonal]", "mapping_objective=power");
        Assert.Contains(errors, e => e.Contains("compute[mxu].dataflow: 'diagonal' is not one of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("mapping_objective: 'power' is not one of latency, energy, edp", StringComparison.Ordinal));
    }

    [Fact]
    public void AKindWithOtherGeometry_TakesItsOwnKeys_AndDropsRowsAndColumns()
    {
        (ArchitectureConfig? design, List<string> errors) = Load(Default, "compute[mxu].kind=lut-core", "compute[mxu].units=16", "compute[mxu].weight_formats=[int4-g128]");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.IsType<LutCoreConfig>(Assert.Single(design!.Compute));
        Assert.Contains("compute[mxu]: kind set to lut-core; dropped rows, columns, dataflow, preload, which lut-core has no use for", design.Notes);
    }

    [Fact]
    public void TyposAndMissingKeys_AreStillErrors()
    {
        (ArchitectureConfig? design, List<string> errors) = Load(Default, "compute[mxu].kind=lut-core", "compute[mxu].unitz=16");
        Assert.Null(design);
        Assert.Contains(errors, e => e.StartsWith("--set compute[mxu].unitz=16: compute[mxu].unitz: unknown key", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("compute[mxu].units: required key is missing", StringComparison.Ordinal));

        // A typo is matched against the new kind's keys, not the dropped ones.
        (_, errors) = Load(Default, "compute[mxu].kind=bit-serial", "compute[mxu].dataflw=x");
        string typo = Assert.Single(errors);
        Assert.StartsWith("--set compute[mxu].dataflw=x: compute[mxu].dataflw: unknown key", typo, StringComparison.Ordinal);
        Assert.DoesNotContain("dataflow", typo.Replace("dataflw", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void AKindWrittenInTheFile_StillRefusesAnotherKindsKeys()
    {
        string file = CliRunner.Write(CliRunner.TempDirectory(), "d.yaml",
            File.ReadAllText(Default).Replace("kind: systolic", "kind: bit-serial", StringComparison.Ordinal));
        (ArchitectureConfig? design, List<string> errors) = Load(file);
        Assert.Null(design);
        Assert.Contains(errors, e => e.StartsWith($"{file}:15:5: compute[mxu].dataflow: unknown key", StringComparison.Ordinal));
    }
}
