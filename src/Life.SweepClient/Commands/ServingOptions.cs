using System.CommandLine;
using Life.Engine.Operators;
using Life.Engine.Serving;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.SweepClient.Commands;

/// <summary>Options shared by `simulate` and `capacity`: the replica (configuration + parallel layout) and its scheduler.</summary>
internal sealed class ServingOptions
{
    private readonly Life.Sweep.Inputs.CatalogReferences _references;

    public ServingOptions(Life.Sweep.Inputs.CatalogReferences references)
    {
        _references = references;
        Configuration = new ConfigurationOptions(references);
    }

    public ConfigurationOptions Configuration { get; }

    public ParallelOptions Parallel { get; } = new();

    public SpeculativeOptions Speculative { get; } = new();

    public Option<int> MaxNumSeqs { get; } = new("--max-num-seqs") { Description = "Scheduler: sequences running at once (vLLM default 256)", DefaultValueFactory = _ => SchedulerConfig.Default.MaxNumSeqs };

    public Option<int> MaxNumBatchedTokens { get; } = new("--max-num-batched-tokens") { Description = "Scheduler: tokens per step, decodes first then prefill chunks (vLLM default 2048)", DefaultValueFactory = _ => SchedulerConfig.Default.MaxNumBatchedTokens };

    public Option<int> DisaggPrefill { get; } = new("--disagg-prefill") { Description = "Disaggregated serving: prefill replicas per deployment (with --disagg-decode; 0: prefill and decode share replicas)", DefaultValueFactory = _ => 0 };

    public Option<int> DisaggDecode { get; } = new("--disagg-decode") { Description = "Disaggregated serving: decode replicas per deployment", DefaultValueFactory = _ => 0 };

    public Option<string?> DecodeHardware { get; } = new("--decode-hardware") { Description = "Disaggregated serving: the decode replicas' hardware (default: --hardware), same parallel layout" };

    public Option<string> InputDist { get; } = new("--input-dist") { Description = "Input lengths fixed, uniform:A,B or lognormal:MU,SIGMA (of ln tokens): the simulation draws them (seeded); KV capacity takes the mean, the steady-state model the mean, E[L²]/E[L]² and percentiles", DefaultValueFactory = _ => "fixed" };

    public Option<string> OutputDist { get; } = new("--output-dist") { Description = "Output lengths fixed, uniform:A,B or lognormal:MU,SIGMA: drawn by the simulation; the steady-state model takes the mean and E[O²]/E[O]²", DefaultValueFactory = _ => "fixed" };

    private bool _hasDistributions;

    public void AddDistributionsTo(Command command)
    {
        command.Options.Add(InputDist);
        command.Options.Add(OutputDist);
        _hasDistributions = true;
    }

    /// <summary>The workload at <paramref name="qps"/> with the lengths --input-dist and --output-dist draw (fixed without them).</summary>
    public static ServingWorkload ReadWorkload(ServingReplica replica, double qps)
    {
        ArgumentNullException.ThrowIfNull(replica);
        return replica.Lengths with { Qps = qps };
    }

    /// <summary>Whether --input-dist or --output-dist draws lengths (the command takes them and one is not fixed).</summary>
    public bool HasSpread(ParseResult parse)
    {
        var (inputs, outputs) = ReadDistributions(parse);
        return !inputs.IsFixed || !outputs.IsFixed;
    }

    private (LengthDistribution Inputs, LengthDistribution Outputs) ReadDistributions(ParseResult parse) => _hasDistributions
        ? (LengthDistribution.Parse(parse.GetValue(InputDist) ?? "fixed", "--input-dist"), LengthDistribution.Parse(parse.GetValue(OutputDist) ?? "fixed", "--output-dist"))
        : (LengthDistribution.Fixed, LengthDistribution.Fixed);

    public void AddDisaggregationTo(Command command)
    {
        command.Options.Add(DisaggPrefill);
        command.Options.Add(DisaggDecode);
        command.Options.Add(DecodeHardware);
    }

    /// <summary>
    /// An xPyD deployment for <paramref name="prefill"/>'s configuration, when --disagg-prefill and
    /// --disagg-decode ask for one (null otherwise); the decode replicas on --decode-hardware.
    /// </summary>
    public DisaggregatedDeployment? ReadDisaggregation(ParseResult parse, ServingReplica prefill)
    {
        ArgumentNullException.ThrowIfNull(prefill);
        var prefillReplicas = parse.GetValue(DisaggPrefill);
        var decodeReplicas = parse.GetValue(DisaggDecode);
        var decodeName = parse.GetValue(DecodeHardware);
        if (prefillReplicas == 0 && decodeReplicas == 0)
        {
            return decodeName is null
                ? null
                : throw new Life.Engine.EngineInputException("--decode-hardware needs --disagg-prefill N and --disagg-decode M");
        }

        if (prefillReplicas < 1 || decodeReplicas < 1 || prefillReplicas > 1024 || decodeReplicas > 1024)
        {
            throw new Life.Engine.EngineInputException($"--disagg-prefill = {prefillReplicas}, --disagg-decode = {decodeReplicas}: each must be in 1..1024");
        }

        var decode = decodeName is null ? prefill : ReplicaOn(parse, _references.ResolveHardware(decodeName));
        var bytes = KvCapacity.SequenceBytesPerDevice(decode.Table, decode.Deployment, prefill.InputTokens);
        var transfer = DisaggregatedServing.TransferSeconds(bytes, prefill.Hardware, decode.Hardware);
        var pools = new DisaggregatedPools(prefillReplicas, prefill.Cost, decodeReplicas, decode.Cost, decode.MaxConcurrency, transfer, prefill.InputTokens, prefill.OutputTokens, prefill.Scheduler);
        return new DisaggregatedDeployment(prefill, decode, pools);
    }

    public void AddTo(Command command)
    {
        Configuration.AddTo(command);
        Parallel.AddTo(command);
        Speculative.AddTo(command);
        command.Options.Add(MaxNumSeqs);
        command.Options.Add(MaxNumBatchedTokens);
    }

    /// <summary>Reads and validates everything; bad input throws with one line.</summary>
    public ServingReplica Read(ParseResult parse) => ReplicaOn(parse, Configuration.ReadHardware(parse));

    private ServingReplica ReplicaOn(ParseResult parse, HardwareSpec hardware)
    {
        if (hardware.IsBucketed)
        {
            throw new Life.Engine.EngineInputException($"hardware '{hardware.Id}': serving forecasts need a roofline device, not a bucketed profile");
        }

        var model = Configuration.ReadModel(parse);
        var optimizations = Configuration.ReadOptimizations(parse);
        var deployment = Parallel.Read(parse, model);
        var speculative = Speculative.Read(parse);
        var scheduler = new SchedulerConfig(parse.GetValue(MaxNumSeqs), parse.GetValue(MaxNumBatchedTokens));
        scheduler.Validate();
        // With drawn lengths the KV capacity and the steady-state model take their means.
        var (inputs, outputs) = ReadDistributions(parse);
        var input = inputs.IsFixed ? parse.GetValue(Configuration.Input) : (int)Math.Max(1, Math.Round(inputs.Mean(0)));
        var output = outputs.IsFixed ? parse.GetValue(Configuration.Output) : (int)Math.Max(1, Math.Round(outputs.Mean(0)));
        new Workload(1, input, output).Validate();
        var table = OperatorTable.Build(model, optimizations, _references.Defaults);
        var capacity = KvCapacity.Of(table, hardware, deployment, new Workload(1, input, output));
        if (!capacity.ModelFits)
        {
            throw new Life.Engine.EngineInputException($"model '{model.Id}' does not fit on {deployment.Devices} × '{hardware.Id}' ({hardware.MemoryGB} GB each) with one {input + output}-token sequence");
        }

        return new ServingReplica(hardware, model, deployment, scheduler, new StepCost(table, hardware, deployment, speculative), capacity.MaxConcurrency, input, output)
        {
            Table = table,
            Lengths = new ServingWorkload(0, input, output) { InputLengths = inputs, OutputLengths = outputs },
        };
    }
}
