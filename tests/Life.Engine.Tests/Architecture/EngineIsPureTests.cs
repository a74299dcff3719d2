using System.Reflection;
using Life.Engine.Calibration;
using Life.Engine.Catalog;

namespace Life.Engine.Tests.Architecture;

/// <summary>architecture.md: Life.Engine is pure computation, no files, no globals.</summary>
public sealed class EngineIsPureTests
{
    [Fact]
    public void Life_Engine_refers_to_no_file_or_directory_API()
    {
        Assert.Empty(FileSystemReferences.In(typeof(BuiltInCatalog).Assembly.Location));
    }

    [Fact]
    public void The_file_API_scan_finds_the_calls_of_an_assembly_that_does_read_files()
    {
        // This test assembly reads files (its scan opens one): an empty answer here would mean the scan is blind.
        Assert.Contains("File.OpenRead", FileSystemReferences.In(typeof(EngineIsPureTests).Assembly.Location));
    }

    [Fact]
    public void Life_Engine_keeps_no_static_caches_or_shipped_defaults()
    {
        var statics =
            from type in typeof(BuiltInCatalog).Assembly.GetTypes()
            from field in type.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)
            where !field.IsLiteral && IsCacheOrDefaults(field.FieldType)
            select $"{type.Name}.{field.Name}";

        // EfficiencyDefaults.BuiltIn is the immutable "nothing fitted" value, not the shipped defaults.
        Assert.Equal(["EfficiencyDefaults.<BuiltIn>k__BackingField"], statics.ToList());
    }

    private static bool IsCacheOrDefaults(Type type) =>
        type == typeof(EfficiencyDefaults) || type == typeof(BuiltInCatalog)
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var d
            && (d == typeof(Lazy<>) || d == typeof(System.Collections.Concurrent.ConcurrentDictionary<,>) || d == typeof(Dictionary<,>)));
}
