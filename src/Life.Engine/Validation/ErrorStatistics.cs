namespace Life.Engine.Validation;

/// <summary>Median and mean absolute percentage error of a set of rows.</summary>
public readonly record struct ErrorStatistics(int Rows, double MedianApe, double MeanApe)
{
    public static ErrorStatistics Of(IEnumerable<double> apes)
    {
        ArgumentNullException.ThrowIfNull(apes);
        var sorted = apes.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new ErrorStatistics(0, double.NaN, double.NaN);
        }

        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new ErrorStatistics(sorted.Length, median, sorted.Average());
    }
}
