using System.CommandLine;
using System.Globalization;
using Life.Engine;
using Life.Engine.Parallel;
using Life.Engine.Specs;

namespace Life.SweepClient.Commands;

/// <summary>How one replica is laid out over devices: `--tp`, `--pp`, `--ep`, `--gpu-memory-utilization`.</summary>
internal sealed class ParallelOptions
{
    public Option<int> Tp { get; } = new("--tp") { Description = "Tensor-parallel devices (split every operator)", DefaultValueFactory = _ => 1 };

    public Option<int> Pp { get; } = new("--pp") { Description = "Pipeline-parallel stages (layers split across device groups)", DefaultValueFactory = _ => 1 };

    public Option<int> Ep { get; } = new("--ep") { Description = "Expert-parallel devices of a stage for MoE models (1, or a divisor of --tp)", DefaultValueFactory = _ => 1 };

    public Option<double> MemoryUtilization { get; } = new("--gpu-memory-utilization")
    {
        Description = "Share of each device's memory the engine uses; KV blocks take what weights and activations leave (vLLM's default 0.9)",
        DefaultValueFactory = _ => Deployment.DefaultMemoryUtilization,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Tp);
        command.Options.Add(Pp);
        command.Options.Add(Ep);
        command.Options.Add(MemoryUtilization);
    }

    /// <summary>The deployment for <paramref name="model"/>; an impossible plan is bad input naming the value at fault.</summary>
    public Deployment Read(ParseResult parse, in ModelSpec model)
    {
        var plan = new ParallelPlan(parse.GetValue(Tp), parse.GetValue(Pp), parse.GetValue(Ep));
        var issue = plan.Check(model);
        if (issue != ParallelIssue.None)
        {
            throw new EngineInputException(plan.Describe(issue, model));
        }

        var utilization = parse.GetValue(MemoryUtilization);
        if (!(utilization > 0 && utilization <= 1))
        {
            throw new EngineInputException(string.Create(CultureInfo.InvariantCulture, $"--gpu-memory-utilization = {utilization} must be in (0, 1]"));
        }

        return plan.Devices == 1 ? Deployment.Single with { MemoryUtilization = utilization } : Deployment.For(plan) with { MemoryUtilization = utilization };
    }
}
