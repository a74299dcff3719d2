namespace Life.Parquet.Tests.Infrastructure;

/// <summary>Parquet files written by DuckDB's own writer (through duckdb-query.mjs), to read with ours.</summary>
internal static class DuckDbFiles
{
    /// <summary>
    /// Every type the reader maps, with nulls and edge values: NaN, ±∞, -0.0, subnormals, empty and
    /// non-ASCII strings, pre-1970 timestamps; low-cardinality columns that DuckDB dictionary-encodes.
    /// </summary>
    public const string AllTypes = """
        SELECT
          CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 7919 % 100000 - 50000)::INTEGER END AS int32,
          CASE WHEN i % 13 = 0 THEN NULL ELSE i::BIGINT * 1000000007 - 9000000000000 END AS int64,
          CASE WHEN i % 17 = 0 THEN NULL WHEN i % 17 = 1 THEN 'NaN'::FLOAT WHEN i % 17 = 2 THEN '-Infinity'::FLOAT
               WHEN i % 17 = 3 THEN '-0.0'::FLOAT ELSE (i / 7.0)::FLOAT END AS float,
          CASE WHEN i % 3 = 0 THEN NULL WHEN i % 23 = 1 THEN 'Infinity'::DOUBLE WHEN i % 23 = 2 THEN '-0.0'::DOUBLE
               WHEN i % 23 = 4 THEN 1e-310::DOUBLE ELSE i / 3.0 END AS double,
          CASE WHEN i % 4 = 0 THEN NULL ELSE i % 3 = 0 END AS boolean,
          CASE WHEN i % 5 = 0 THEN NULL ELSE ['h100-sxm', 'a100-80gb', '', '日本語 😀'][i % 4 + 1] END AS few_strings,
          CASE WHEN i % 9 = 0 THEN NULL ELSE 'value-' || i || repeat('é', i % 40) END AS strings,
          CASE WHEN i % 19 = 0 THEN NULL ELSE make_timestamptz(i::BIGINT * 1234567891 - 1000000000000) END AS timestamp,
          (i % 4)::INTEGER AS low_int,
          (i % 3 * 0.5)::DOUBLE AS low_double,
          i::BIGINT AS id
        FROM range(5000) r(i)
        """;

    /// <summary>Writes <paramref name="select"/> to <paramref name="path"/> with DuckDB, with COPY options such as <c>COMPRESSION GZIP</c>.</summary>
    public static void Write(string select, string path, string options = "")
    {
        var extra = options.Length == 0 ? string.Empty : ", " + options;
        NodeScript.Run("duckdb-query.mjs", $"COPY ({select}) TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet{extra})");
    }
}
