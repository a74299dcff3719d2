namespace Life.Engine.Calibration;

/// <summary>
/// Nelder–Mead simplex minimization in a box (points are clamped), with restarts from the best point
/// so a collapsed simplex does not end the search. For the few coupled parameters of a device
/// calibration, where moving one coordinate at a time stalls on the kinks of an absolute-error
/// objective.
/// </summary>
public static class NelderMead
{
    public static double[] Minimize(Func<double[], double> objective, double[] start, double[] lower, double[] upper, double initialStep = 0.5, int maxEvaluations = 4000, int restarts = 4)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        var best = Clamp(start, lower, upper);
        var step = initialStep;
        for (var restart = 0; restart <= restarts; restart++)
        {
            best = Run(objective, best, lower, upper, step, maxEvaluations / (restarts + 1));
            step /= 2;
        }

        return best;
    }

    private static double[] Run(Func<double[], double> f, double[] x0, double[] lower, double[] upper, double step, int budget)
    {
        var n = x0.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        points[0] = x0;
        for (var i = 0; i < n; i++)
        {
            var p = (double[])x0.Clone();
            p[i] = p[i] + step <= upper[i] ? p[i] + step : p[i] - step;
            points[i + 1] = Clamp(p, lower, upper);
        }

        for (var i = 0; i <= n; i++)
        {
            values[i] = f(points[i]);
        }

        var evaluations = n + 1;
        while (evaluations < budget)
        {
            Array.Sort(values, points);
            if (values[n] - values[0] < 1e-10 && Spread(points) < 1e-7)
            {
                break;
            }

            var centroid = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    centroid[j] += points[i][j] / n;
                }
            }

            var reflected = Clamp(Combine(centroid, points[n], -1), lower, upper);
            var fr = f(reflected);
            evaluations++;
            if (fr < values[0])
            {
                var expanded = Clamp(Combine(centroid, points[n], -2), lower, upper);
                var fe = f(expanded);
                evaluations++;
                (points[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (points[n], values[n]) = (reflected, fr);
            }
            else
            {
                var contracted = Clamp(Combine(centroid, points[n], 0.5), lower, upper);
                var fc = f(contracted);
                evaluations++;
                if (fc < values[n])
                {
                    (points[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        points[i] = Clamp(Combine(points[0], points[i], 0.5), lower, upper);
                        values[i] = f(points[i]);
                        evaluations++;
                    }
                }
            }
        }

        var bestIndex = Array.IndexOf(values, values.Min());
        return points[bestIndex];
    }

    /// <summary>centroid + t · (point − centroid).</summary>
    private static double[] Combine(double[] centroid, double[] point, double t)
    {
        var result = new double[centroid.Length];
        for (var j = 0; j < result.Length; j++)
        {
            result[j] = centroid[j] + (t * (point[j] - centroid[j]));
        }

        return result;
    }

    private static double Spread(double[][] points)
    {
        double spread = 0;
        for (var i = 1; i < points.Length; i++)
        {
            for (var j = 0; j < points[i].Length; j++)
            {
                spread = Math.Max(spread, Math.Abs(points[i][j] - points[0][j]));
            }
        }

        return spread;
    }

    private static double[] Clamp(double[] x, double[] lower, double[] upper)
    {
        var result = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = Math.Clamp(x[i], lower[i], upper[i]);
        }

        return result;
    }
}
