using Life.Engine.Calibration;
using Life.Engine.Operators;
using Life.Engine.Specs;

namespace Life.Engine.Validation;

/// <summary>Operator tables per (model, optimizations), built once under one set of format scales.</summary>
public sealed class TableCache
{
    private readonly Dictionary<(string, Optimizations), OperatorTable> _tables = new();
    private readonly EfficiencyDefaults _efficiency;

    public TableCache(EfficiencyDefaults efficiency)
    {
        _efficiency = efficiency;
    }

    public OperatorTable Get(in ModelSpec model, in Optimizations options)
    {
        var key = (model.Id, options);
        if (!_tables.TryGetValue(key, out var table))
        {
            table = OperatorTable.Build(model, options, _efficiency);
            _tables[key] = table;
        }

        return table;
    }
}
