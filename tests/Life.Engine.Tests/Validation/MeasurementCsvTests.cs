using Life.Engine.Validation;

namespace Life.Engine.Tests.Validation;

public sealed class MeasurementCsvTests
{
    private const string Header = "source,hardware,tflops,int8_tops,bandwidth_gbs,memory_gb,devices,framework,model,weight_bits,act_bits,kv_bits,batch,input_tokens,output_tokens,metric,value";

    [Fact]
    public void Rows_are_read_with_empty_spec_columns_meaning_the_catalog()
    {
        var rows = MeasurementCsv.Parse($"{Header}\n\"a, b\",h100-sxm,,,3350,,2,vLLM,llama-3-8b,16,16,8,4,512,128,e2e_ms,1234.5\n", "m.csv");

        var row = Assert.Single(rows);
        Assert.Equal("a, b", row.Source);
        Assert.True(double.IsNaN(row.Tflops));
        Assert.Equal(3350, row.BandwidthGBs);
        Assert.Equal(2, row.Devices);
        Assert.Equal(8, row.KvBits);
        Assert.Equal(MeasuredMetric.E2eMs, row.Metric);
        Assert.Equal(1234.5, row.Value);
        Assert.Equal(2, row.Line);
        Assert.Equal((0, 0, 0), (row.Tensor, row.Pipeline, row.Expert));
    }

    [Fact]
    public void Optional_layout_memory_and_rate_columns_are_read_when_the_header_has_them_and_default_when_empty()
    {
        var rows = MeasurementCsv.Parse($"{Header},tp,pp,ep,gpu_memory_utilization,qps\nx,h100-sxm,,,,,8,vLLM,llama-3-8b,16,16,16,4,512,128,e2e_ms,1,4,2,,0.85,2.5\nx,h100-sxm,,,,,1,vLLM,llama-3-8b,16,16,16,4,512,128,e2e_ms,1,,,,,\n", "m.csv");

        Assert.Equal((4, 2, 0, 0.85, 2.5), (rows[0].Tensor, rows[0].Pipeline, rows[0].Expert, rows[0].MemoryUtilization, rows[0].Qps));
        Assert.Equal((0, 0, 0), (rows[1].Tensor, rows[1].Pipeline, rows[1].Expert));
        Assert.True(double.IsNaN(rows[1].MemoryUtilization));
        Assert.True(double.IsNaN(rows[1].Qps));
    }

    [Theory]
    [InlineData("source,hardware,model,metric,value\nx,h,m,e2e_ms,1\n", "m.csv line 1: the header lacks tflops, int8_tops")]
    [InlineData(Header + "\nx,h100,fast,,,,1,vllm,m,16,16,16,1,1,1,e2e_ms,1\n", "m.csv line 2: column 'tflops' = 'fast' is not a number")]
    [InlineData(Header + "\nx,h100,,,,,1,vllm,m,16,16,16,1,1,1,latency,1\n", "m.csv line 2: unknown metric 'latency'")]
    [InlineData(Header + "\nx,h100,,,,,1,vllm,m,16,16,16,1,-5,1,e2e_ms,1\n", "m.csv line 2: column 'input_tokens' = '-5' is not a non-negative integer")]
    [InlineData(Header + "\nx,h100,,,,,1,vllm,m,16,16,16,1,1,1,e2e_ms,\n", "m.csv line 2: column 'value' is empty")]
    [InlineData("", "m.csv: empty file")]
    public void A_malformed_file_is_rejected_naming_the_line(string text, string message)
    {
        var error = Assert.Throws<EngineInputException>(() => MeasurementCsv.Parse(text, "m.csv"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
