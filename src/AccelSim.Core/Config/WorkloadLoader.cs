using AccelSim.Config.Yaml;
using AccelSim.Numerics;
using AccelSim.Workloads;
using AccelSim.Workloads.Moe;

namespace AccelSim.Config;

/// <summary>
/// Reads a workload: a YAML file (<c>kind: gemm</c> with a list of operations, or <c>kind: transformer</c> naming a
/// model shape file), or a CSV GEMM trace (AccelSim's columns, or SCALE-Sim's <c>Layer,M,N,K</c>). Every error is
/// collected; the operations are checked as a DAG.
/// </summary>
public static class WorkloadLoader
{
    public static Workload? Load(string path, IReadOnlyList<string> overrides, Diagnostics diagnostics)
    {
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            if (overrides.Count > 0)
            {
                diagnostics.Add(SourceLocation.CommandLine($"--set {overrides[0]}"), "", "a CSV workload has no keys to set; edit the CSV");
            }

            Workload? trace = GemmTraceCsv.Load(path, diagnostics);
            return trace is null || OpGraph.Build(trace.Operations, diagnostics) is null ? null : trace;
        }

        MappingReader? reader = MappingReader.OpenDocument(path, overrides, diagnostics);
        if (reader is null)
        {
            return null;
        }

        string kind = reader.Choice("kind", ["gemm", "transformer", "batched-decode", "moe-decode"], "gemm", required: true,
            meaning: "gemm, transformer, batched-decode or moe-decode");
        string name = reader.String("name", Path.GetFileNameWithoutExtension(path));
        if (kind == "batched-decode")
        {
            BatchedDecode? decode = BatchedDecodeReader.Read(reader, path);
            reader.Finish();
            return diagnostics.HasErrors || decode is null
                ? null
                : new Workload(name, path, [], [], (long)decode.Batch * decode.Steps, decode);
        }

        if (kind == "moe-decode")
        {
            MoeDecode? moe = MoeDecodeReader.Read(reader, path);
            reader.Finish();
            return diagnostics.HasErrors || moe is null
                ? null
                : new Workload(name, path, [], [], (long)moe.Batch * moe.Steps, Moe: moe);
        }

        long? tokens = null;
        IReadOnlyList<Operation> ops = kind == "transformer" ? ReadTransformer(reader, path, out tokens) : ReadGemmList(reader, path);
        reader.Finish();
        bool graphOk = OpGraph.Build(ops, diagnostics) is not null;
        if (diagnostics.HasErrors || !graphOk)
        {
            return null;
        }

        return new Workload(name, path, ops, [], tokens);
    }

    private static IReadOnlyList<Operation> ReadGemmList(MappingReader reader, string path)
    {
        NumericFormat defaultActivation = reader.Value<NumericFormat>("activation_format", ArchitectureLoader.ParseFormat, NumericFormats.Parse("int8"));
        NumericFormat defaultWeight = reader.Value<NumericFormat>("weight_format", ArchitectureLoader.ParseFormat, NumericFormats.Parse("int8"));
        return reader.NamedList<Operation>("ops", (item, name) =>
        {
            IReadOnlyList<string> deps = item.List<string>("depends_on", (string t, out string v, out string e) => { v = t; e = ""; return true; });
            int repeat = item.Int("repeat", 1, 1_000_000, 1);
            if (item.Has("vector"))
            {
                VectorOpKind vectorKind = VectorOpNames.ByName[item.Choice("vector", [.. VectorOpNames.ByName.Keys], "add")];
                long elements = item.Int("elements", 1, int.MaxValue, 1, required: true);
                NumericFormat format = item.Value<NumericFormat>("format", ArchitectureLoader.ParseFormat, defaultActivation);
                return new VectorOp(name, vectorKind, elements, format, repeat, deps, item.Location);
            }

            int m = item.Int("m", 1, int.MaxValue, 1, required: true);
            int n = item.Int("n", 1, int.MaxValue, 1, required: true);
            int k = item.Int("k", 1, int.MaxValue, 1, required: true);
            NumericFormat activation = item.Value<NumericFormat>("activation_format", ArchitectureLoader.ParseFormat, defaultActivation);
            NumericFormat weight = item.Value<NumericFormat>("weight_format", ArchitectureLoader.ParseFormat, defaultWeight);
            int group = item.Int("group_size", 1, 1 << 20, 0);
            if (group > 0)
            {
                weight = WithGroup(item, weight, group);
            }

            string? activationFile = OperandFile(item, "activations", path, m, k, "M×K");
            string? weightFile = OperandFile(item, "weights", path, k, n, "K×N");
            return new GemmOp(name, m, n, k, activation, weight, repeat, deps, item.Location, activationFile, weightFile);
        }, required: true, meaning: "the operations, each '- name: ...' with m, n, k or vector and elements");
    }

    /// <summary>An operand .npy file named under <paramref name="key"/>, checked to exist and to have the GEMM's shape.</summary>
    private static string? OperandFile(MappingReader item, string key, string workloadPath, int rows, int columns, string what)
    {
        string name = item.String(key);
        if (name.Length == 0)
        {
            return null;
        }

        string file = IncludedFile.Resolve(workloadPath, name);
        if (IncludedFile.Itself(workloadPath, file, name) is string self)
        {
            item.Error(key, self);
            return null;
        }

        if (!NpyArray.TryReadShape(file, out int[] shape, out string error))
        {
            item.Error(key, error);
            return null;
        }

        item.Diagnostics.Read(file);
        if (shape.Length != 2 || shape[0] != rows || shape[1] != columns)
        {
            item.Error(key, $"'{name}' has shape ({string.Join(", ", shape)}), not {what} = ({rows}, {columns})");
            return null;
        }

        return file;
    }

    /// <summary>Applies a trace's group size to a plain integer weight format: int4 with 128 becomes int4-g128.</summary>
    internal static NumericFormat WithGroup(MappingReader item, NumericFormat weight, int group)
    {
        string name = $"{weight.Name}-g{group}";
        if (NumericFormats.TryParse(name, out NumericFormat? grouped, out _))
        {
            return grouped;
        }

        item.Error("group_size", $"{weight.Name} cannot take a group size; give a group-wise format such as int4-g{group} as weight_format instead");
        return weight;
    }

    /// <summary>The model shape file the <c>model</c> key names, relative to the workload file.</summary>
    internal static ModelShape? ReadModel(MappingReader reader, string path)
    {
        ConfigNode? modelNode = reader.Node("model", required: true, meaning: "a model shape file, e.g. llm/models/llama2-7b.yaml");
        if (modelNode is ConfigScalar { IsNull: false } modelPath)
        {
            string? file = IncludedFile.Find(path, modelPath.Value, out string missing);
            if (file is null)
            {
                reader.Error("model", missing);
                return null;
            }

            return ModelShapeLoader.Load(file, reader.Diagnostics, modelPath.Location);
        }

        if (modelNode is not null)
        {
            reader.Error("model", $"expected the path of a model shape file, found {modelNode.Describe()}");
        }

        return null;
    }

    /// <summary>The <c>formats:</c> section of an LLM workload: weights, activations and KV cache.</summary>
    internal static (NumericFormat Weights, NumericFormat Activations, NumericFormat KvCache) ReadFormats(MappingReader reader, NumericFormat fallback) =>
        reader.Section("formats", f => Tuple.Create(
            f.Value<NumericFormat>("weights", ArchitectureLoader.ParseFormat, fallback, required: true),
            f.Value<NumericFormat>("activations", ArchitectureLoader.ParseFormat, fallback, required: true),
            f.Value<NumericFormat>("kv_cache", ArchitectureLoader.ParseFormat, fallback, required: true)), required: true) is { } t
            ? (t.Item1, t.Item2, t.Item3)
            : (fallback, fallback, fallback);

    private static IReadOnlyList<Operation> ReadTransformer(MappingReader reader, string path, out long? tokens)
    {
        ModelShape? model = ReadModel(reader, path);
        Phase phase = reader.Choice("phase", ["prefill", "decode"], "decode", required: true) == "prefill" ? Phase.Prefill : Phase.Decode;
        int batch = reader.Int("batch", 1, 1 << 20, 1, required: true);
        int sequence = reader.Int("sequence_length", 1, 1 << 24, 1, required: true,
            meaning: "prompt tokens for prefill, tokens already in the KV cache for decode");
        int layers = reader.Int("layers", 1, 10_000, model?.Layers ?? 1);
        tokens = phase == Phase.Prefill ? (long)batch * sequence : batch;
        (NumericFormat weights, NumericFormat activations, NumericFormat kv) = ReadFormats(reader, NumericFormats.Parse("int8"));
        if (model is null || reader.Diagnostics.HasErrors)
        {
            return [];
        }

        if (layers > model.Layers)
        {
            reader.Error("layers", $"{model.Name} has {model.Layers} layers, fewer than {layers}");
            return [];
        }

        return TransformerGenerator.Expand(new TransformerSpec(model, phase, batch, sequence, layers, weights, activations, kv, reader.Location));
    }
}
