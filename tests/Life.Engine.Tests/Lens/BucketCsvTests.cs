using Life.Engine.Lens;

namespace Life.Engine.Tests.Lens;

/// <summary>Reading runs: the bucket layout, the project's measurements layout, and errors naming file, line and field.</summary>
public sealed class BucketCsvTests
{
    [Fact]
    public void The_bucket_layout_is_read_with_its_optional_bucket_column_and_extra_columns_ignored()
    {
        var data = BucketCsv.Parse("# runs on npu-x\nbatch,input_tokens,output_tokens,e2e_ms,bucket,note\n1,32,1,10.5,128,\"warm, second run\"\n\n2,40,65,74,,x\n", "b.csv");

        Assert.Equal(2, data.Rows.Length);
        Assert.Equal(new BucketMeasurement(1, 32, 1, 10.5, 128, 3), data.Rows[0]);
        Assert.Equal(new BucketMeasurement(2, 40, 65, 74, 0, 5), data.Rows[1]);
        Assert.Null(data.Hardware);
    }

    [Fact]
    public void The_measurements_layout_contributes_its_e2e_rows_and_names_the_hardware()
    {
        const string Csv = """
            source,hardware,tflops,int8_tops,bandwidth_gbs,memory_gb,devices,framework,model,weight_bits,act_bits,kv_bits,batch,input_tokens,output_tokens,metric,value
            lab,rngd,,,,,1,furiosa,llama-3-8b,16,16,16,1,100,1,ttft_ms,30
            lab,rngd,,,,,1,furiosa,llama-3-8b,16,16,16,1,100,1,e2e_ms,31
            lab,rngd,,,,,1,furiosa,llama-3-8b,16,16,16,1,100,65,e2e_ms,200
            """;

        var data = BucketCsv.Parse(Csv, "m.csv");

        Assert.Equal([31.0, 200], data.Rows.Select(r => r.E2eMs));
        Assert.Equal([3, 4], data.Rows.Select(r => r.Line));
        Assert.Equal("rngd", data.Hardware);
    }

    [Theory]
    [InlineData("batch,input_tokens,output_tokens\n1,2,3\n", "b.csv: the header has no 'e2e_ms' column")]
    [InlineData("batch,input_tokens,output_tokens,e2e_ms\n1,x,3,4\n", "b.csv line 2: input_tokens = 'x' is not a positive integer")]
    [InlineData("batch,input_tokens,output_tokens,e2e_ms\n1,2,3,4\n0,2,3,4\n", "b.csv line 3: batch = '0' is not a positive integer")]
    [InlineData("batch,input_tokens,output_tokens,e2e_ms\n1,2,3,-4\n", "b.csv line 2: e2e_ms = '-4' is not a positive number of milliseconds")]
    [InlineData("batch,input_tokens,output_tokens,e2e_ms\n1,2,3\n", "b.csv line 2: 3 fields, the header has 4")]
    [InlineData("batch,input_tokens,output_tokens,e2e_ms,bucket\n1,2,3,4,big\n", "b.csv line 2: bucket = 'big' is not a positive integer")]
    [InlineData("batch,input_tokens,output_tokens,e2e_ms\n", "b.csv: no measurement rows")]
    [InlineData("", "b.csv: empty file")]
    [InlineData("hardware,batch,input_tokens,output_tokens,e2e_ms\na,1,2,3,4\nb,1,2,3,4\n", "b.csv: rows for several hardware (a, b)")]
    [InlineData("batch,input_tokens,output_tokens,metric,value\n1,2,3,ttft_ms,4\n", "b.csv: no rows with metric e2e_ms")]
    public void Bad_files_are_rejected_naming_file_line_and_field(string text, string message)
    {
        var e = Assert.Throws<EngineInputException>(() => BucketCsv.Parse(text, "b.csv"));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
