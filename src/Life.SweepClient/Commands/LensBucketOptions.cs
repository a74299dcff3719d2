using System.CommandLine;
using Life.Engine.Lens;

namespace Life.SweepClient.Commands;

/// <summary>The compiled bucket lists: one for both phases, or one per phase.</summary>
internal sealed class LensBucketOptions
{
    public Option<string?> Buckets { get; } = new("--buckets")
    {
        Description = "Compiled bucket lengths for prefill and decode, e.g. 128,256,512 (default: the file's bucket column)",
    };

    public Option<string?> PrefillBuckets { get; } = new("--prefill-buckets") { Description = "Prefill bucket lengths, where the device compiles phases apart" };

    public Option<string?> DecodeBuckets { get; } = new("--decode-buckets") { Description = "Decode (KV length) bucket lengths, with --prefill-buckets" };

    public void AddTo(Command command)
    {
        command.Options.Add(Buckets);
        command.Options.Add(PrefillBuckets);
        command.Options.Add(DecodeBuckets);
    }

    public BucketLists Read(ParseResult parse, BucketData data) =>
        BucketLists.Parse(parse.GetValue(Buckets), parse.GetValue(PrefillBuckets), parse.GetValue(DecodeBuckets), data.Rows);
}
