namespace Life.Engine.Lens;

/// <summary>Ordinary least squares for a handful of columns (normal equations on scaled columns).</summary>
internal static class LeastSquares
{
    /// <summary>
    /// Solves min ‖X·β − y‖ for X given row by row (<paramref name="rows"/>[i] has the columns of row i).
    /// Returns false when the columns are (numerically) dependent, e.g. every run at the same length.
    /// </summary>
    public static bool TrySolve(IReadOnlyList<double[]> rows, IReadOnlyList<double> y, out double[] beta)
    {
        var n = rows[0].Length;
        beta = new double[n];
        if (rows.Count < n)
        {
            return false;
        }

        // Scale each column to a largest magnitude of 1 so lengths (10^3) and length products (10^6)
        // do not swamp the intercept; the normal equations stay well conditioned at this size.
        var scale = new double[n];
        for (var j = 0; j < n; j++)
        {
            scale[j] = rows.Max(r => Math.Abs(r[j]));
            if (scale[j] == 0)
            {
                return false;
            }
        }

        var a = new double[n, n + 1];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var xj = rows[i][j] / scale[j];
                for (var k = 0; k < n; k++)
                {
                    a[j, k] += xj * rows[i][k] / scale[k];
                }

                a[j, n] += xj * y[i];
            }
        }

        if (!Eliminate(a, n))
        {
            return false;
        }

        for (var j = n - 1; j >= 0; j--)
        {
            var sum = a[j, n];
            for (var k = j + 1; k < n; k++)
            {
                sum -= a[j, k] * beta[k];
            }

            beta[j] = sum / a[j, j];
        }

        for (var j = 0; j < n; j++)
        {
            beta[j] /= scale[j];
        }

        return true;
    }

    /// <summary>Gaussian elimination with partial pivoting to upper-triangular form; false when singular.</summary>
    private static bool Eliminate(double[,] a, int n)
    {
        var largest = 0.0;
        for (var j = 0; j < n; j++)
        {
            largest = Math.Max(largest, Math.Abs(a[j, j]));
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[pivot, col]) <= 1e-10 * largest)
            {
                return false;
            }

            for (var k = 0; k <= n; k++)
            {
                (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            }

            for (var row = col + 1; row < n; row++)
            {
                var factor = a[row, col] / a[col, col];
                for (var k = col; k <= n; k++)
                {
                    a[row, k] -= factor * a[col, k];
                }
            }
        }

        return true;
    }
}
