namespace Life.SweepClient.Commands;

/// <summary>The options of one <c>pareto</c> invocation, as given.</summary>
internal sealed record ParetoRequest(string Directory, string? Objectives, string? Where, string? Out, int? Top, bool Json, bool AllRows);
