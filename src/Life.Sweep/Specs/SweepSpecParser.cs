using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Life.Engine;
using Life.Engine.Catalog;
using Life.Engine.Specs;
using Life.Engine.Timing;
using Life.Sweep.Inputs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Life.Sweep.Specs;

/// <summary>
/// Parses and validates a sweep spec (YAML, or JSON, which YAML reads too). Every problem is collected
/// and reported at once (<see cref="SpecException"/>), each naming the field and the value; nothing is
/// resolved lazily, so a spec that parses can be run.
/// </summary>
public sealed class SweepSpecParser
{
    public const int DefaultShardSize = 100_000;
    public const int MaxShardSize = 10_000_000;

    /// <summary>Specs larger than this are refused unless the caller allows huge sweeps (interfaces.md).</summary>
    public static readonly BigInteger HugeLimit = BigInteger.Pow(10, 10);

    private static readonly HashSet<string> TopLevelKeys = new(StringComparer.Ordinal)
    {
        "name", "hardware", "models", "optimizations", "parallelism", "speculative", "disaggregation", "workload", "slo", "scheduler", "constraints", "objectives", "shard_size", "roofline", "format_scales",
    };

    private readonly List<string> _problems = [];
    private readonly string _source;
    private readonly string _baseDirectory;
    private readonly CatalogReferences _references;

    private SweepSpecParser(string source, string baseDirectory, BuiltInCatalog catalog)
    {
        _source = source;
        _baseDirectory = baseDirectory;
        _references = new CatalogReferences(catalog);
    }

    /// <summary>
    /// Reads and parses a spec file; names resolve in <paramref name="catalog"/>, and the spec is
    /// evaluated (and hashed) under the catalog's efficiency defaults.
    /// </summary>
    public static SweepSpec ParseFile(string path, BuiltInCatalog catalog, bool allowHuge = false)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EngineInputException($"spec '{path}' cannot be read ({e.Message})", e);
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", catalog, allowHuge);
    }

    /// <summary>Parses spec text; relative file references are relative to <paramref name="baseDirectory"/>.</summary>
    public static SweepSpec Parse(string text, string source, string baseDirectory, BuiltInCatalog catalog, bool allowHuge = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SweepSpecParser(source, baseDirectory, catalog).Run(text, allowHuge);
    }

    private SweepSpec Run(string text, bool allowHuge)
    {
        var root = Load(text);
        var name = "sweep";
        var hardwareIds = new List<string>();
        var hardware = new List<HardwareSpec>();
        var modelIds = new List<string>();
        var models = new List<ModelSpec>();
        var values = new Dictionary<string, Dimension>(StringComparer.Ordinal);
        var constraints = Constraints.None;
        var objectives = new List<Objective>();
        var shardSize = DefaultShardSize;
        var roofline = RooflineMode.PerOperator;
        ServingSlo? slo = null;
        var scheduler = Life.Engine.Serving.SchedulerConfig.Default;
        List<PoolShape>? disaggregation = null;

        foreach (var (key, node) in root.Children)
        {
            var keyText = ((YamlScalarNode)key).Value ?? string.Empty;
            switch (keyText)
            {
                case "name":
                    name = Scalar(node, "name") ?? name;
                    break;
                case "hardware":
                    ReadHardware(node, hardwareIds, hardware);
                    break;
                case "models":
                    ReadModels(node, modelIds, models);
                    break;
                case "optimizations":
                    ReadDimensions(node, "optimizations", DimensionKeys.OptimizationKeys, values);
                    break;
                case "parallelism":
                    ReadDimensions(node, "parallelism", DimensionKeys.ParallelismKeys, values);
                    break;
                case "speculative":
                    ReadDimensions(node, "speculative", DimensionKeys.SpeculativeKeys, values);
                    break;
                case "disaggregation":
                    disaggregation = ReadDisaggregation(node);
                    values[DimensionKeys.Disaggregation] = Dimension.OfTexts(DimensionKeys.Disaggregation, [.. disaggregation.Select(shape => shape.Name)]);
                    break;
                case "workload":
                    ReadDimensions(node, "workload", DimensionKeys.WorkloadKeys, values);
                    break;
                case "slo":
                    slo = ReadSlo(node);
                    break;
                case "scheduler":
                    scheduler = ReadScheduler(node);
                    break;
                case "constraints":
                    constraints = ReadConstraints(node);
                    break;
                case "objectives":
                    ReadObjectives(node, objectives);
                    break;
                case "shard_size":
                    shardSize = (int)(Integer(node, "shard_size", 1, MaxShardSize) ?? shardSize);
                    break;
                case "roofline":
                    var text2 = Scalar(node, "roofline");
                    if (text2 is "whole-model")
                    {
                        roofline = RooflineMode.WholeModel;
                    }
                    else if (text2 is not "per-op")
                    {
                        Problem($"roofline: '{text2}' is not one of per-op, whole-model");
                    }

                    break;
                case "format_scales":
                    CheckFormatScales(node);
                    break;
                default:
                    Problem($"unknown key '{keyText}' (expected one of {string.Join(", ", TopLevelKeys.Order(StringComparer.Ordinal))})");
                    break;
            }
        }

        if (!root.Children.ContainsKey(new YamlScalarNode("hardware")))
        {
            Problem("hardware: missing (a list of catalog names, hardware JSON files or inline objects)");
        }

        if (!root.Children.ContainsKey(new YamlScalarNode("models")))
        {
            Problem("models: missing (a list of catalog names or config.json paths)");
        }

        foreach (var required in new[] { DimensionKeys.InputTokens, DimensionKeys.OutputTokens })
        {
            if (!values.ContainsKey(required))
            {
                Problem($"workload.{required}: missing");
            }
        }

        foreach (var device in hardware)
        {
            foreach (var model in models)
            {
                if (Life.Engine.Lens.BucketedModelCheck.Mismatch(device, model, _references.Catalog) is { } mismatch)
                {
                    Problem($"{mismatch}: a bucket profile times only the model it was compiled for; sweep them separately");
                }
            }
        }

        if (disaggregation is not null && !values.ContainsKey(DimensionKeys.Qps) && slo is null)
        {
            Problem("disaggregation: changes only the serving columns, so it needs a workload.qps dimension or an slo");
        }

        foreach (var key in new[] { DimensionKeys.InputDist, DimensionKeys.OutputDist })
        {
            if (values.ContainsKey(key) && !values.ContainsKey(DimensionKeys.Qps) && slo is null)
            {
                Problem($"workload.{key}: changes only the serving columns, so it needs a workload.qps dimension or an slo");
            }

            if (values.ContainsKey(key) && disaggregation is not null)
            {
                Problem($"workload.{key}: the disaggregated pools' model takes fixed lengths only; sweep the distributions without a disaggregation: list");
            }
        }

        CheckServingColumns(values.ContainsKey(DimensionKeys.Qps), slo is not null, disaggregation is not null, constraints, objectives);
        values[DimensionKeys.Hardware] = Dimension.OfTexts(DimensionKeys.Hardware, hardwareIds);
        values[DimensionKeys.Model] = Dimension.OfTexts(DimensionKeys.Model, modelIds);
        var dimensions = new List<Dimension>();
        foreach (var key in DimensionKeys.EnumerationOrder)
        {
            if (values.TryGetValue(key, out var dimension))
            {
                dimensions.Add(dimension);
            }
        }

        BigInteger total = 1;
        foreach (var dimension in dimensions)
        {
            total *= dimension.Count;
        }

        if (total > HugeLimit && !allowHuge)
        {
            Problem($"the sweep has {total:N0} configurations, over 10^10: pass --allow-huge if that is meant");
        }

        if (_problems.Count > 0)
        {
            throw new SpecException(_source, _problems);
        }

        return new SweepSpec(name, dimensions, hardware, models, constraints, objectives, shardSize, roofline, _references.Defaults, slo, scheduler, disaggregation);
    }

    private YamlMappingNode Load(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SpecException(_source, [$"line {e.Start.Line}, column {e.Start.Column}: {e.Message}"]);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner reports some malformed input (an unclosed flow sequence) this way.
            throw new SpecException(_source, [$"line ?: not valid YAML ({e.Message})"]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new SpecException(_source, ["expected a mapping with hardware, models, optimizations, workload, ..."]);
        }

        return root;
    }

    private void ReadHardware(YamlNode node, List<string> ids, List<HardwareSpec> specs)
    {
        var index = 0;
        foreach (var item in Items(node, "hardware"))
        {
            var field = $"hardware[{index++}]";
            try
            {
                var spec = item is YamlMappingNode mapping
                    ? _references.ParseHardware(ToJson(mapping), $"{_source} {field}", _baseDirectory)
                    : _references.ResolveHardware(ResolvePath(Scalar(item, field) ?? string.Empty));
                if (ids.Contains(spec.Id))
                {
                    Problem($"{field}: '{spec.Id}' appears twice");
                    continue;
                }

                ids.Add(spec.Id);
                specs.Add(spec);
            }
            catch (EngineInputException e)
            {
                Problem($"{field}: {e.Message}");
            }
        }
    }

    private void ReadModels(YamlNode node, List<string> ids, List<ModelSpec> specs)
    {
        var index = 0;
        foreach (var item in Items(node, "models"))
        {
            var field = $"models[{index++}]";
            try
            {
                ModelSpec spec;
                if (item is YamlMappingNode mapping)
                {
                    var id = mapping.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) ? (idNode as YamlScalarNode)?.Value : null;
                    if (string.IsNullOrEmpty(id))
                    {
                        Problem($"{field}: an inline model needs an 'id'");
                        continue;
                    }

                    spec = ModelConfigParser.Parse(ToJson(mapping), id, $"{_source} {field}");
                }
                else
                {
                    spec = _references.ResolveModel(ResolvePath(Scalar(item, field) ?? string.Empty));
                }

                if (ids.Contains(spec.Id))
                {
                    Problem($"{field}: '{spec.Id}' appears twice");
                    continue;
                }

                ids.Add(spec.Id);
                specs.Add(spec);
            }
            catch (EngineInputException e)
            {
                Problem($"{field}: {e.Message}");
            }
        }
    }

    private void ReadDimensions(YamlNode node, string section, IReadOnlyList<string> keys, Dictionary<string, Dimension> values)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problem($"{section}: expected a mapping of {string.Join(", ", keys)}");
            return;
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var field = $"{section}.{key}";
            if (!keys.Contains(key))
            {
                Problem($"{field}: unknown key (expected one of {string.Join(", ", keys)})");
                continue;
            }

            var kind = DimensionKeys.KindOf(key);
            var texts = new List<string>();
            var numbers = new List<double>();
            var index = 0;
            foreach (var item in Items(valueNode, field))
            {
                var itemField = $"{field}[{index++}]";
                if (kind == DimensionKind.Text)
                {
                    var text = Scalar(item, itemField);
                    if (text is not null && ValidName(key, text, itemField))
                    {
                        AddDistinct(texts, text, itemField);
                    }
                }
                else if (ValueFor(key, item, itemField) is { } number)
                {
                    AddDistinct(numbers, number, itemField);
                }
            }

            values[key] = new Dimension(key, kind, texts, numbers);
        }
    }

    private double? ValueFor(string key, YamlNode item, string field) => key switch
    {
        DimensionKeys.WeightBits or DimensionKeys.ActBits or DimensionKeys.KvBits => Number(item, field, 1, 32),
        DimensionKeys.QuantGroup or DimensionKeys.Batch or DimensionKeys.InputTokens or DimensionKeys.OutputTokens => Integer(item, field, 1, int.MaxValue),
        DimensionKeys.Tp or DimensionKeys.Pp or DimensionKeys.Ep => Integer(item, field, 1, 4096),
        DimensionKeys.Qps => Number(item, field, 1e-6, 1e9),
        DimensionKeys.SpecK => Integer(item, field, 0, 64),
        DimensionKeys.SpecAlpha => Number(item, field, 0, 1),
        DimensionKeys.DraftCost => Number(item, field, 0, 100),
        _ => Integer(item, field, 0, int.MaxValue),
    };

    private bool ValidName(string key, string text, string field)
    {
        try
        {
            _ = key switch
            {
                DimensionKeys.Fusion => (object)OptionNames.ParseFusion(text),
                DimensionKeys.KvCache => OptionNames.ParseKvCache(text),
                DimensionKeys.LoraMode => OptionNames.ParseLoraMode(text),
                DimensionKeys.ActFormat => OptionNames.ParseActivationFormat(text),
                DimensionKeys.InputDist or DimensionKeys.OutputDist => Life.Engine.Serving.LengthDistribution.Parse(text, key),
                _ => OptionNames.ParseCounting(text),
            };
            return true;
        }
        catch (EngineInputException e)
        {
            Problem($"{field}: {e.Message}");
            return false;
        }
    }

    private Constraints ReadConstraints(YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problem("constraints: expected a mapping such as { fits: true, max_ttft_ms: 2000 }");
            return Constraints.None;
        }

        bool? fits = null;
        var bounds = new List<Bound>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var field = $"constraints.{key}";
            if (key == "fits")
            {
                var text = Scalar(valueNode, field);
                if (text is "true" or "false")
                {
                    fits = text == "true";
                }
                else
                {
                    Problem($"{field}: '{text}' is not true or false");
                }

                continue;
            }

            var isMax = key.StartsWith("max_", StringComparison.Ordinal);
            if ((!isMax && !key.StartsWith("min_", StringComparison.Ordinal)) || !MetricColumns.TryParse(key[4..], out var column))
            {
                Problem($"{field}: unknown constraint (expected fits, or max_/min_ followed by one of {string.Join(", ", MetricColumns.All)})");
                continue;
            }

            if (Number(valueNode, field, double.MinValue, double.MaxValue) is { } limit)
            {
                bounds.Add(new Bound(column, isMax, limit));
            }
        }

        return new Constraints(fits, bounds);
    }

    /// <summary><c>slo: { ttft_p99_ms: 2000, tpot_p99_ms: 50 }</c>: either or both, each a positive number of ms.</summary>
    private ServingSlo? ReadSlo(YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problem("slo: expected a mapping such as { ttft_p99_ms: 2000, tpot_p99_ms: 50 }");
            return null;
        }

        double ttft = double.PositiveInfinity, tpot = double.PositiveInfinity;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var field = $"slo.{key}";
            if (key is not ("ttft_p99_ms" or "tpot_p99_ms"))
            {
                Problem($"{field}: unknown key (expected ttft_p99_ms, tpot_p99_ms)");
                continue;
            }

            if (Number(valueNode, field, 1e-6, double.MaxValue) is { } limit)
            {
                ttft = key == "ttft_p99_ms" ? limit : ttft;
                tpot = key == "tpot_p99_ms" ? limit : tpot;
            }
        }

        if (double.IsPositiveInfinity(ttft) && double.IsPositiveInfinity(tpot))
        {
            Problem("slo: give ttft_p99_ms, tpot_p99_ms or both");
            return null;
        }

        return new ServingSlo(ttft, tpot);
    }

    /// <summary><c>scheduler: { max_num_seqs: 256, max_num_batched_tokens: 2048 }</c> (vLLM's defaults when left out).</summary>
    private Life.Engine.Serving.SchedulerConfig ReadScheduler(YamlNode node)
    {
        var scheduler = Life.Engine.Serving.SchedulerConfig.Default;
        if (node is not YamlMappingNode mapping)
        {
            Problem("scheduler: expected a mapping such as { max_num_seqs: 256, max_num_batched_tokens: 2048 }");
            return scheduler;
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var field = $"scheduler.{key}";
            switch (key)
            {
                case "max_num_seqs":
                    scheduler = scheduler with { MaxNumSeqs = (int)(Integer(valueNode, field, 1, 1 << 20) ?? scheduler.MaxNumSeqs) };
                    break;
                case "max_num_batched_tokens":
                    scheduler = scheduler with { MaxNumBatchedTokens = (int)(Integer(valueNode, field, 2, 1 << 24) ?? scheduler.MaxNumBatchedTokens) };
                    break;
                default:
                    Problem($"{field}: unknown key (expected max_num_seqs, max_num_batched_tokens)");
                    break;
            }
        }

        return scheduler;
    }

    /// <summary>
    /// <c>disaggregation: [none, { prefill: 1, decode: 3 }, { prefill: 2, decode: 2, decode_hardware: h200 }]</c>:
    /// pool shapes, each replica count in 1..1024, the decode hardware a catalog name, a hardware JSON
    /// file or an inline object (a roofline device; the row's hardware when left out).
    /// </summary>
    private List<PoolShape> ReadDisaggregation(YamlNode node)
    {
        var shapes = new List<PoolShape>();
        var index = 0;
        foreach (var item in Items(node, "disaggregation"))
        {
            var field = $"disaggregation[{index++}]";
            if (item is YamlScalarNode { Value: "none" })
            {
                AddShape(shapes, PoolShape.Colocated, field);
                continue;
            }

            if (item is not YamlMappingNode mapping)
            {
                Problem($"{field}: expected none or a mapping such as {{ prefill: 1, decode: 3, decode_hardware: h200 }}");
                continue;
            }

            long? prefill = null, decode = null;
            HardwareSpec? decodeHardware = null;
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
                switch (key)
                {
                    case "prefill":
                        prefill = Integer(valueNode, $"{field}.prefill", 1, 1024);
                        break;
                    case "decode":
                        decode = Integer(valueNode, $"{field}.decode", 1, 1024);
                        break;
                    case "decode_hardware":
                        decodeHardware = ReadDecodeHardware(valueNode, $"{field}.decode_hardware");
                        break;
                    default:
                        Problem($"{field}.{key}: unknown key (expected prefill, decode, decode_hardware)");
                        break;
                }
            }

            if (!mapping.Children.ContainsKey(new YamlScalarNode("prefill")) || !mapping.Children.ContainsKey(new YamlScalarNode("decode")))
            {
                Problem($"{field}: give both prefill and decode replica counts");
            }
            else if (prefill is { } x && decode is { } y)
            {
                AddShape(shapes, new PoolShape((int)x, (int)y, decodeHardware), field);
            }
        }

        return shapes;
    }

    private HardwareSpec? ReadDecodeHardware(YamlNode node, string field)
    {
        try
        {
            var spec = node is YamlMappingNode mapping
                ? _references.ParseHardware(ToJson(mapping), $"{_source} {field}", _baseDirectory)
                : _references.ResolveHardware(ResolvePath(Scalar(node, field) ?? string.Empty));
            if (spec.IsBucketed)
            {
                Problem($"{field}: '{spec.Id}' is a bucketed profile; serving forecasts need a roofline device");
                return null;
            }

            return spec;
        }
        catch (EngineInputException e)
        {
            Problem($"{field}: {e.Message}");
            return null;
        }
    }

    private void AddShape(List<PoolShape> shapes, PoolShape shape, string field)
    {
        if (shapes.Exists(s => s.Name == shape.Name))
        {
            Problem($"{field}: {shape.Name} appears twice");
            return;
        }

        shapes.Add(shape);
    }

    /// <summary>Serving columns exist only in sweeps that make them (a qps dimension, an slo): bounds and objectives on others name nothing.</summary>
    private void CheckServingColumns(bool hasQps, bool hasSlo, bool hasDisaggregation, Constraints constraints, List<Objective> objectives)
    {
        foreach (var bound in constraints.Bounds)
        {
            if (MissingServingColumn(bound.Column, hasQps, hasSlo, hasDisaggregation) is { } why)
            {
                Problem($"constraints.{bound}: {why}");
            }
        }

        for (var i = 0; i < objectives.Count; i++)
        {
            if (MissingServingColumn(objectives[i].Column, hasQps, hasSlo, hasDisaggregation) is { } why)
            {
                Problem($"objectives[{i}]: '{objectives[i]}': {why}");
            }
        }
    }

    private static string? MissingServingColumn(MetricColumn column, bool hasQps, bool hasSlo, bool hasDisaggregation) => column switch
    {
        MetricColumn.Devices or MetricColumn.CostPerHour when !hasDisaggregation => $"{MetricColumns.Name(column)} is a column of sweeps with a disaggregation: list",
        MetricColumn.MaxQpsAtSlo when !hasSlo => "max_qps_at_slo needs an slo: { ttft_p99_ms, tpot_p99_ms }",
        MetricColumn.P50TtftMs or MetricColumn.P99TtftMs or MetricColumn.P50TpotMs or MetricColumn.P99TpotMs when !hasQps => $"{MetricColumns.Name(column)} needs a workload.qps dimension",
        MetricColumn.MaxConcurrency when !hasQps && !hasSlo => "max_concurrency is a column of serving sweeps (a workload.qps dimension or an slo)",
        _ => null,
    };

    private void ReadObjectives(YamlNode node, List<Objective> objectives)
    {
        var index = 0;
        foreach (var item in Items(node, "objectives"))
        {
            var field = $"objectives[{index++}]";
            var text = Scalar(item, field);
            if (text is null)
            {
                continue;
            }

            if (Objective.TryParse(text) is { } objective)
            {
                if (objectives.Exists(o => o.Column == objective.Column))
                {
                    Problem($"{field}: '{text}' names a metric twice");
                }

                objectives.Add(objective);
            }
            else
            {
                Problem($"{field}: '{text}' is not min:METRIC or max:METRIC with METRIC one of {string.Join(", ", MetricColumns.All)}");
            }
        }
    }

    private IEnumerable<YamlNode> Items(YamlNode node, string field)
    {
        if (node is YamlSequenceNode sequence)
        {
            if (sequence.Children.Count == 0)
            {
                Problem($"{field}: empty list");
            }

            return sequence.Children;
        }

        if (node is YamlScalarNode { Value: null or "" })
        {
            Problem($"{field}: empty");
            return [];
        }

        return [node];
    }

    private string? Scalar(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar && scalar.Value is { Length: > 0 } value)
        {
            return value;
        }

        Problem($"{field}: expected a single value");
        return null;
    }

    private double? Number(YamlNode node, string field, double min, double max)
    {
        var text = Scalar(node, field);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Problem($"{field}: '{text}' is not a number");
            return null;
        }

        if (value < min || value > max)
        {
            Problem($"{field}: {text} is out of range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
            return null;
        }

        return value;
    }

    private long? Integer(YamlNode node, string field, long min, long max)
    {
        var text = Scalar(node, field);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Problem($"{field}: '{text}' is not an integer");
            return null;
        }

        if (value < min || value > max)
        {
            // Name the bound that was actually crossed: an over-large value used to be told "at least 1".
            Problem(value < min
                ? $"{field}: {text} must be at least {min.ToString(CultureInfo.InvariantCulture)}"
                : $"{field}: {text} must be at most {max.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value;
    }

    private void AddDistinct<T>(List<T> list, T value, string field)
    {
        if (list.Contains(value))
        {
            Problem($"{field}: {value} appears twice");
            return;
        }

        list.Add(value);
    }

    private string ResolvePath(string reference)
    {
        // Catalog names win; relative file paths are relative to the spec file.
        if (reference.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(reference))
        {
            return Path.Combine(_baseDirectory, reference);
        }

        return reference;
    }

    /// <summary>
    /// A spec read back from its canonical form (a silo, a resumed run) names the weight-format scales it
    /// was resolved under; evaluated under others its rows would differ under the same hash, so refuse.
    /// </summary>
    private void CheckFormatScales(YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problem("format_scales: expected a mapping of weight format to compute_scale and memory_scale");
            return;
        }

        if (ToJson(mapping) != _references.Defaults.FormatScalesCanonicalJson)
        {
            Problem("format_scales: the spec was resolved under other weight-format scales than this process's efficiency defaults (a different data/efficiency/defaults.json), so its rows would differ; resolve the spec again here");
        }
    }

    private void Problem(string message) => _problems.Add(message);

    /// <summary>Turns an inline YAML object into JSON for the engine's readers.</summary>
    private static string ToJson(YamlMappingNode mapping)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            WriteJson(json, mapping);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter json, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                json.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    json.WritePropertyName(((YamlScalarNode)key).Value ?? string.Empty);
                    WriteJson(json, value);
                }

                json.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                json.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    WriteJson(json, item);
                }

                json.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                var text = scalar.Value ?? string.Empty;
                if (scalar.Style is ScalarStyle.Plain && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    json.WriteNumberValue(number);
                }
                else if (scalar.Style is ScalarStyle.Plain && text is "true" or "false")
                {
                    json.WriteBooleanValue(text == "true");
                }
                else if (scalar.Style is ScalarStyle.Plain && text is "null" or "~" or "")
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(text);
                }

                break;
        }
    }
}
