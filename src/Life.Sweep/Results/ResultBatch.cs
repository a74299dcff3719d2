using Life.Sweep.Specs;

namespace Life.Sweep.Results;

/// <summary>
/// One shard's rows as columns (arrays sized for a whole shard, reused from shard to shard by a
/// worker): config ids, one array per dimension (text dimensions as dictionary indices, which are the
/// coordinates themselves), the metric columns, and the flags. The batch is the Parquet row group.
/// </summary>
public sealed class ResultBatch
{
    public ResultBatch(SweepSpec spec, int capacity)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Capacity = capacity;
        ConfigIds = new long[capacity];
        var dimensions = spec.Dimensions.Count;
        Indices = new int[dimensions][];
        Reals = new double[dimensions][];
        Integers = new int[dimensions][];
        for (var d = 0; d < dimensions; d++)
        {
            switch (spec.Dimensions[d].Kind)
            {
                case DimensionKind.Text:
                    Indices[d] = new int[capacity];
                    break;
                case DimensionKind.Real:
                    Reals[d] = new double[capacity];
                    break;
                default:
                    Integers[d] = new int[capacity];
                    break;
            }
        }

        Metrics = new double[MetricColumns.Count][];
        Present = new bool[MetricColumns.Count][];
        for (var m = 0; m < MetricColumns.Count; m++)
        {
            Metrics[m] = new double[capacity];
            if (MetricColumns.IsNullable((MetricColumn)m))
            {
                Present[m] = new bool[capacity];
            }
        }

        Fits = new bool[capacity];
        MeetsConstraints = new bool[capacity];
        Canonical = new bool[capacity];
        if (spec.Find(DimensionKeys.Qps) is not null)
        {
            Saturated = new bool[capacity];
            SaturatedPresent = new bool[capacity];
        }
    }

    public int Capacity { get; }

    /// <summary>Rows filled.</summary>
    public int Count { get; set; }

    public long[] ConfigIds { get; }

    /// <summary>Per dimension (enumeration order): dictionary indices of a text dimension, else null.</summary>
    public int[][] Indices { get; }

    /// <summary>Per dimension: values of a real dimension, else null.</summary>
    public double[][] Reals { get; }

    /// <summary>Per dimension: values of an integer dimension, else null.</summary>
    public int[][] Integers { get; }

    /// <summary>Per <see cref="MetricColumn"/>: the values (NaN where null).</summary>
    public double[][] Metrics { get; }

    /// <summary>Per nullable <see cref="MetricColumn"/>: whether the value is present; null for required columns.</summary>
    public bool[][] Present { get; }

    public bool[] Fits { get; }

    public bool[] MeetsConstraints { get; }

    /// <summary>False for a row the engine cannot tell from one with a lower config_id (<see cref="Space.EquivalentConfigurations"/>).</summary>
    public bool[] Canonical { get; }

    /// <summary>A row's replica cannot sustain its qps; null in sweeps without a qps dimension.</summary>
    public bool[]? Saturated { get; }

    /// <summary>Whether <see cref="Saturated"/> has a value (false where the replica cannot run at all).</summary>
    public bool[]? SaturatedPresent { get; }
}
