using Life.Engine;
using Life.Sweep.Inputs;

namespace Life.Sweep.Tests.Inputs;

public sealed class CatalogReferencesTests : IDisposable
{
    private const string Profile = """
        {
          "format": "lens-profile/1",
          "device": "hand-npu",
          "prefill_buckets": [ { "length": 128, "prefill_ms": 10 } ],
          "decode_buckets": [ { "length": 128, "step_ms": 1 } ]
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("catalog-references-").FullName;
    private readonly CatalogReferences _references = new(Shipped.Catalog);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_hardware_file_reads_its_bucketed_profile_relative_to_its_own_directory()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "profiles"));
        File.WriteAllText(Path.Combine(_dir, "profiles", "p.json"), Profile);
        var path = Path.Combine(_dir, "npu.json");
        File.WriteAllText(path, """{ "id": "my-npu", "device_class": "npu", "kind": "bucketed", "profile": "profiles/p.json", "power_w": 50, "memory_gb": 64 }""");

        var spec = _references.ResolveHardware(path);

        Assert.True(spec.IsBucketed);
        Assert.Equal("hand-npu", spec.Buckets!.Device);
        Assert.Equal(50, spec.PowerW);
    }

    [Fact]
    public void A_catalog_name_wins_and_an_unknown_name_is_bad_input_pointing_at_the_catalog()
    {
        Assert.Equal("h100-sxm", _references.ResolveHardware("h100-sxm").Id);
        Assert.Equal("llama-2-7b", _references.ResolveModel("llama-2-7b").Id);

        var hardware = Assert.Throws<EngineInputException>(() => _references.ResolveHardware("no-such-gpu"));
        var model = Assert.Throws<EngineInputException>(() => _references.ResolveModel("no-such-model"));

        Assert.Equal("unknown hardware 'no-such-gpu' (see `life-sweep catalog hardware`, or give a JSON file)", hardware.Message);
        Assert.Equal("unknown model 'no-such-model' (see `life-sweep catalog models`, or give a config.json path)", model.Message);
    }

    [Fact]
    public void Missing_files_are_bad_input_naming_the_file()
    {
        var hardware = Assert.Throws<EngineInputException>(() => _references.ResolveHardware(Path.Combine(_dir, "none.json")));
        var profile = Assert.Throws<EngineInputException>(() => EngineFiles.ReadProfile("/nonexistent/profile.json"));

        Assert.StartsWith($"hardware file '{Path.Combine(_dir, "none.json")}' cannot be read", hardware.Message, StringComparison.Ordinal);
        Assert.StartsWith("profile '/nonexistent/profile.json': cannot read", profile.Message, StringComparison.Ordinal);
    }
}
