using System.Globalization;
using System.Text.Json;

namespace Life.SweepClient.Tests.Commands;

/// <summary>`predict` and `validate` accept a bucketed NPU (a hardware file of kind "bucketed" with a LENS profile).</summary>
public sealed class BucketedHardwareCommandTests
{
    [Fact]
    public async Task Predict_times_a_bucketed_device_from_its_profile_and_reports_unknown_counts_as_null()
    {
        using var files = new LensFiles();
        files.Write("p.json", LensFiles.HandProfile.Replace("\"device\": \"hand-npu\",", "\"device\": \"hand-npu\", \"model\": \"llama-2-7b\",", StringComparison.Ordinal));
        var npu = files.Write("npu.json", """{ "id": "hand-npu", "device_class": "npu", "kind": "bucketed", "profile": "p.json", "memory_gb": 64 }""");

        var run = await CliRun.Of("predict", "--hardware", npu, "--model", "llama-2-7b", "--input", "100", "--output", "400", "--json");
        var text = await CliRun.Of("predict", "--hardware", npu, "--model", "llama-2-7b", "--input", "100", "--output", "400");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        // P(128) = 10 ms; 28 steps at 1 ms, 128 at 2 ms, 243 at 4 ms.
        Assert.Equal(10, root.GetProperty("ttft_ms").GetDouble());
        Assert.Equal(1266, root.GetProperty("e2e_ms").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("prefill_ops").ValueKind);
        Assert.True(root.GetProperty("memory_gb").GetDouble() > 13);
        Assert.True(root.GetProperty("fits").GetBoolean());
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("fits in 64 GB", text.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("513", "1", "llama-2-7b", "input 513 is beyond the largest prefill bucket 512")]
    [InlineData("100", "10", "mistral-7b", "profiled for model 'llama-2-7b', not 'mistral-7b'")]
    public async Task Predict_refuses_what_the_profile_cannot_time_in_one_line(string input, string output, string model, string message)
    {
        using var files = new LensFiles();
        files.Write("p.json", LensFiles.HandProfile.Replace("\"device\": \"hand-npu\",", "\"device\": \"hand-npu\", \"model\": \"llama-2-7b\",", StringComparison.Ordinal));
        var npu = files.Write("npu.json", """{ "id": "hand-npu", "kind": "bucketed", "profile": "p.json", "memory_gb": 64 }""");

        var run = await CliRun.Of("predict", "--hardware", npu, "--model", model, "--input", input, "--output", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Predict_refuses_a_profile_that_names_no_model_in_one_line()
    {
        using var files = new LensFiles();
        files.Write("p.json", LensFiles.HandProfile);
        var npu = files.Write("npu.json", """{ "id": "hand-npu", "kind": "bucketed", "profile": "p.json", "memory_gb": 64 }""");

        var run = await CliRun.Of("predict", "--hardware", npu, "--model", "llama-3.1-405b", "--input", "100", "--output", "10");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("profile names no model", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Predict_refuses_a_bucketed_device_without_its_memory_capacity()
    {
        using var files = new LensFiles();
        files.Write("p.json", LensFiles.HandProfile.Replace("\"device\": \"hand-npu\",", "\"device\": \"hand-npu\", \"model\": \"llama-2-7b\",", StringComparison.Ordinal));
        var npu = files.Write("npu.json", """{ "id": "hand-npu", "kind": "bucketed", "profile": "p.json" }""");

        var run = await CliRun.Of("predict", "--hardware", npu, "--model", "llama-2-7b", "--input", "100", "--output", "10");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("needs memory_gb", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_reads_a_bucketed_device_named_by_its_file_in_the_hardware_column()
    {
        using var files = new LensFiles();
        files.Write("p.json", LensFiles.HandProfile.Replace("\"device\": \"hand-npu\",", "\"device\": \"hand-npu\", \"model\": \"llama-2-7b\",", StringComparison.Ordinal));
        var npu = files.Write("npu.json", """{ "id": "hand-npu", "kind": "bucketed", "profile": "p.json", "memory_gb": 64 }""");
        // The profile's own predictions: 100 in, 400 out → 1266 ms; 300 in, 101 out → 40 + 100 · 4 = 440 ms.
        var csv = files.Write("runs.csv", string.Create(CultureInfo.InvariantCulture, $"""
            source,hardware,tflops,int8_tops,bandwidth_gbs,memory_gb,devices,framework,model,weight_bits,act_bits,kv_bits,batch,input_tokens,output_tokens,metric,value
            hand,{npu},,,,,1,other,llama-2-7b,16,16,16,1,100,400,e2e_ms,1266
            hand,{npu},,,,,1,other,llama-2-7b,16,16,16,1,300,101,e2e_ms,440
            """));

        var run = await CliRun.Of("validate", csv, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var e2e = json.RootElement.GetProperty("metrics").GetProperty("e2e_ms");
        Assert.Equal(2, e2e.GetProperty("rows").GetInt32());
        Assert.Equal(0, e2e.GetProperty("median_ape").GetDouble(), 9);
    }
}
