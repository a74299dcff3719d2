using Life.Engine;

namespace Life.Sweep.Specs;

/// <summary>A sweep spec with problems: every problem found, each naming the field and the value.</summary>
public sealed class SpecException : EngineInputException
{
    public SpecException(string source, IReadOnlyList<string> problems)
        : base(Format(source, problems))
    {
        SpecPath = source;
        Problems = problems;
    }

    public string SpecPath { get; }

    public IReadOnlyList<string> Problems { get; }

    private static string Format(string source, IReadOnlyList<string> problems) =>
        problems.Count == 1 ? $"{source}: {problems[0]}" : $"{source}: {problems.Count} problems: {string.Join("; ", problems)}";
}
