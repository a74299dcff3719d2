namespace Life.SweepClient.Tests.Commands;

/// <summary>A temporary directory for the files a <c>lens</c> command reads and writes; deleted on dispose.</summary>
internal sealed class LensFiles : IDisposable
{
    /// <summary>Two runs per bucket 128, 256, 512 on a device with P = 10, 20, 40 ms and D = 1, 2, 4 ms.</summary>
    public const string GoodRuns = """
        batch,input_tokens,output_tokens,e2e_ms
        1,32,1,10
        1,32,65,74
        1,160,1,20
        1,160,65,148
        1,300,1,40
        1,300,101,440
        """;

    /// <summary>The profile <see cref="GoodRuns"/> calibrates to, written by hand.</summary>
    public const string HandProfile = """
        {
          "format": "lens-profile/1",
          "device": "hand-npu",
          "prefill_buckets": [
            { "batch": 1, "length": 128, "prefill_ms": 10 },
            { "batch": 1, "length": 256, "prefill_ms": 20 },
            { "batch": 1, "length": 512, "prefill_ms": 40 }
          ],
          "decode_buckets": [
            { "batch": 1, "length": 128, "step_ms": 1 },
            { "batch": 1, "length": 256, "step_ms": 2 },
            { "batch": 1, "length": 512, "step_ms": 4 }
          ]
        }
        """;

    public LensFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"lens-{Guid.NewGuid():N}");

    /// <summary>The repository's examples/lens directory (found by walking up to LifeSweep.slnx).</summary>
    public static string Examples
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LifeSweep.slnx")))
                {
                    return Path.Combine(dir.FullName, "examples", "lens");
                }
            }

            throw new DirectoryNotFoundException("no LifeSweep.slnx above the test binaries");
        }
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Root, name);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
