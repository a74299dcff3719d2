using Life.Engine.Validation;

namespace Life.Engine.Tests.Validation;

public sealed class ErrorStatisticsTests
{
    [Fact]
    public void Median_and_mean_of_an_odd_and_an_even_number_of_errors_are_as_computed_by_hand()
    {
        // 1, 3, 8: median 3, mean 4. With 10 added: median (3 + 8) / 2 = 5.5, mean 22 / 4 = 5.5.
        Assert.Equal(new ErrorStatistics(3, 3, 4), ErrorStatistics.Of([8, 1, 3]));
        Assert.Equal(new ErrorStatistics(4, 5.5, 5.5), ErrorStatistics.Of([8, 1, 3, 10]));
        Assert.Equal(0, ErrorStatistics.Of([]).Rows);
    }
}
