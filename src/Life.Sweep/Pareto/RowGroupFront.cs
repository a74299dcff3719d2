namespace Life.Sweep.Pareto;

/// <summary>The front of one row group's candidate rows, and where the row group is.</summary>
internal sealed record RowGroupFront(int File, int RowGroup, PartialFront Front);
