namespace Life.Engine.Serving;

/// <summary>
/// The requests a simulation plays: Poisson arrival times and each request's input and output
/// length. Lengths come from a stream of their own, so the arrivals are those of fixed lengths and
/// both simulators (<see cref="ServingSimulator"/>, <see cref="DisaggregatedSimulator"/>) see the
/// same requests for the same seed.
/// </summary>
public readonly struct RequestDraws
{
    private RequestDraws(double[] arrival, int[] input, int[] output)
    {
        Arrival = arrival;
        Input = input;
        Output = output;
    }

    public double[] Arrival { get; }

    public int[] Input { get; }

    public int[] Output { get; }

    public static RequestDraws Of(in ServingWorkload workload, int requests, int seed)
    {
        var arrival = new double[requests];
        var random = new Random(seed);
        double clock = 0;
        for (var i = 0; i < requests; i++)
        {
            clock += -Math.Log(1 - random.NextDouble()) / workload.Qps;
            arrival[i] = clock;
        }

        var input = new int[requests];
        var output = new int[requests];
        var lengths = workload.InputLengths.IsFixed && workload.OutputLengths.IsFixed ? null : new Random(unchecked(seed * 7919) + 3);
        for (var i = 0; i < requests; i++)
        {
            input[i] = lengths is null ? workload.InputTokens : workload.InputLengths.Sample(lengths, workload.InputTokens);
            output[i] = lengths is null ? workload.OutputTokens : workload.OutputLengths.Sample(lengths, workload.OutputTokens);
        }

        return new RequestDraws(arrival, input, output);
    }
}
