namespace Life.Engine.Calibration;

/// <summary>
/// Minimizes an objective over bounded parameters by coordinate pattern search: each parameter in
/// turn is moved up or down by its step while that helps, steps shrink when no move helps. No
/// gradients, robust to the kinks of absolute-error objectives, and deterministic.
/// </summary>
public static class CoordinateDescent
{
    public static double[] Minimize(Func<double[], double> objective, double[] start, double[] lower, double[] upper, double initialStep = 0.25, double finalStep = 1e-4, int maxSweeps = 400)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        var x = (double[])start.Clone();
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = Math.Clamp(x[i], lower[i], upper[i]);
        }

        var best = objective(x);
        var steps = Enumerable.Repeat(initialStep, x.Length).ToArray();
        for (var sweep = 0; sweep < maxSweeps && steps.Max() > finalStep; sweep++)
        {
            for (var i = 0; i < x.Length; i++)
            {
                if (steps[i] <= finalStep)
                {
                    continue;
                }

                var improved = false;
                foreach (var direction in new[] { 1.0, -1.0 })
                {
                    while (true)
                    {
                        var candidate = Math.Clamp(x[i] + (direction * steps[i]), lower[i], upper[i]);
                        if (candidate == x[i])
                        {
                            break;
                        }

                        var previous = x[i];
                        x[i] = candidate;
                        var value = objective(x);
                        if (value < best - 1e-12)
                        {
                            best = value;
                            improved = true;
                        }
                        else
                        {
                            x[i] = previous;
                            break;
                        }
                    }

                    if (improved)
                    {
                        break;
                    }
                }

                if (!improved)
                {
                    steps[i] /= 2;
                }
            }
        }

        return x;
    }
}
