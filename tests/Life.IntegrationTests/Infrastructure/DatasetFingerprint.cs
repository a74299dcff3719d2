using System.Security.Cryptography;

namespace Life.IntegrationTests.Infrastructure;

/// <summary>The result files of a dataset (names and SHA-256 of their bytes) plus pareto.parquet: equal fingerprints, identical data.</summary>
internal static class DatasetFingerprint
{
    public static string Of(string output)
    {
        var files = Directory.EnumerateFiles(Path.Combine(output, "results"), "*.parquet")
            .Append(Path.Combine(output, "pareto.parquet"))
            .Order(StringComparer.Ordinal)
            .Select(path => $"{Path.GetRelativePath(output, path)}={Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))}");
        return string.Join('\n', files);
    }
}
