namespace Life.Cluster.Tests.Infrastructure;

/// <summary>What a life-sweep command run in this process printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error);
