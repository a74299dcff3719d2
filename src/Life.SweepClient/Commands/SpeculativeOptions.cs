using System.CommandLine;
using Life.Engine.Serving;

namespace Life.SweepClient.Commands;

/// <summary>Speculative decoding in `predict`, `simulate` and `capacity`: `--spec-k`, `--spec-alpha`, `--draft-cost`.</summary>
internal sealed class SpeculativeOptions
{
    public Option<int> Proposed { get; } = new("--spec-k") { Description = "Speculative decoding: tokens proposed per step by a draft model or MTP heads (0: off)", DefaultValueFactory = _ => 0 };

    public Option<double> Acceptance { get; } = new("--spec-alpha") { Description = "Speculative decoding: probability a proposed token is accepted", DefaultValueFactory = _ => 0.7 };

    public Option<double> DraftCost { get; } = new("--draft-cost") { Description = "Speculative decoding: one proposal's time as a share of a target decode step (MTP ≈ 1/layers)", DefaultValueFactory = _ => 0.1 };

    public void AddTo(Command command)
    {
        command.Options.Add(Proposed);
        command.Options.Add(Acceptance);
        command.Options.Add(DraftCost);
    }

    public SpeculativeDecoding Read(ParseResult parse)
    {
        var speculative = new SpeculativeDecoding(parse.GetValue(Proposed), parse.GetValue(Acceptance), parse.GetValue(DraftCost));
        speculative.Validate();
        return speculative;
    }
}
