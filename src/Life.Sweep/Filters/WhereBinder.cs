using Life.Parquet;

namespace Life.Sweep.Filters;

/// <summary>
/// Resolves a parsed expression against a schema: column names (exact, else case-insensitive),
/// operand types and operators; builds the filter nodes. Every error names the column or value.
/// </summary>
internal sealed class WhereBinder
{
    private readonly ParquetSchema _schema;
    private readonly List<string> _slots = [];

    private WhereBinder(ParquetSchema schema)
    {
        _schema = schema;
    }

    private enum ValueClass
    {
        Number,
        Text,
        Boolean,
    }

    public static (FilterNode Root, IReadOnlyList<string> Columns) Bind(WhereSyntax syntax, ParquetSchema schema)
    {
        var binder = new WhereBinder(schema);
        var root = binder.Node(syntax);
        return (root, binder._slots);
    }

    private static ValueClass ClassOf(ParquetType type) => type switch
    {
        ParquetType.String => ValueClass.Text,
        ParquetType.Boolean => ValueClass.Boolean,
        _ => ValueClass.Number,
    };

    private static ValueClass? ClassOf(WhereOperand literal) => literal.Kind switch
    {
        WhereTokenKind.Number => ValueClass.Number,
        WhereTokenKind.String => ValueClass.Text,
        WhereTokenKind.True or WhereTokenKind.False => ValueClass.Boolean,
        _ => null,
    };

    private static string Describe(ValueClass valueClass) => valueClass switch
    {
        ValueClass.Number => "numbers",
        ValueClass.Text => "text",
        _ => "true/false",
    };

    private static WhereTokenKind Mirror(WhereTokenKind comparison) => comparison switch
    {
        WhereTokenKind.Less => WhereTokenKind.Greater,
        WhereTokenKind.LessOrEqual => WhereTokenKind.GreaterOrEqual,
        WhereTokenKind.Greater => WhereTokenKind.Less,
        WhereTokenKind.GreaterOrEqual => WhereTokenKind.LessOrEqual,
        _ => comparison,
    };

    private FilterNode Node(WhereSyntax syntax) => syntax.Kind switch
    {
        WhereSyntaxKind.And or WhereSyntaxKind.Or => new LogicalFilter(syntax.Kind, Node(syntax.First!), Node(syntax.Second!)),
        WhereSyntaxKind.Not => new LogicalFilter(syntax.Kind, Node(syntax.First!), null),
        WhereSyntaxKind.Truth => Truth(syntax.Left),
        WhereSyntaxKind.IsNull or WhereSyntaxKind.IsNotNull => new NullTestFilter(Column(syntax.Left, "is null"), syntax.Kind == WhereSyntaxKind.IsNull),
        _ => Comparison(syntax.Left, syntax.Operator, syntax.Right),
    };

    private FilterNode Truth(WhereOperand operand)
    {
        if (!operand.IsColumn)
        {
            throw new WhereSyntaxException($"{operand.Describe()} at position {operand.Position} is not a condition: compare a column with it");
        }

        var slot = Column(operand, "alone");
        var column = _schema[_schema.IndexOf(_slots[slot])];
        return column.Type == ParquetType.Boolean
            ? new BooleanFilter(slot, equal: true, right: -1, literal: true)
            : throw new WhereSyntaxException(
                $"column '{column.Name}' is not true/false, so it cannot stand alone: compare it, as in {column.Name} {(column.Type == ParquetType.String ? "= 'value'" : "> 0")}");
    }

    private FilterNode Comparison(WhereOperand left, WhereTokenKind comparison, WhereOperand right)
    {
        if (!left.IsColumn && !right.IsColumn)
        {
            throw new WhereSyntaxException($"{left.Describe()} and {right.Describe()} at position {left.Position} are both constants: compare a column");
        }

        if (!left.IsColumn)
        {
            (left, right) = (right, left);
            comparison = Mirror(comparison);
        }

        var leftSlot = Column(left, "compared");
        var leftColumn = _schema[_schema.IndexOf(_slots[leftSlot])];
        var leftClass = ClassOf(leftColumn.Type);
        var rightSlot = -1;
        if (right.IsColumn)
        {
            rightSlot = Column(right, "compared");
            var rightColumn = _schema[_schema.IndexOf(_slots[rightSlot])];
            if (ClassOf(rightColumn.Type) != leftClass)
            {
                throw new WhereSyntaxException(
                    $"column '{leftColumn.Name}' ({Describe(leftClass)}) cannot be compared with column '{rightColumn.Name}' ({Describe(ClassOf(rightColumn.Type))})");
            }
        }
        else if (ClassOf(right) != leftClass)
        {
            var example = leftClass switch
            {
                ValueClass.Number => $"{leftColumn.Name} < 2000",
                ValueClass.Text => $"{leftColumn.Name} = 'h100-sxm'",
                _ => $"{leftColumn.Name} = true",
            };
            throw new WhereSyntaxException(
                $"column '{leftColumn.Name}' holds {Describe(leftClass)} and cannot be compared with {right.Describe()} (as in {example})");
        }

        var equality = comparison is WhereTokenKind.Equal or WhereTokenKind.NotEqual;
        if (leftClass != ValueClass.Number && !equality)
        {
            throw new WhereSyntaxException($"column '{leftColumn.Name}' holds {Describe(leftClass)}: only = and != compare it, not {OperatorText(comparison)}");
        }

        return leftClass switch
        {
            ValueClass.Number => new NumberComparisonFilter(leftSlot, comparison, rightSlot, right.Number),
            ValueClass.Text => new TextComparisonFilter(leftSlot, comparison == WhereTokenKind.Equal, rightSlot, right.Value ?? string.Empty),
            _ => new BooleanFilter(leftSlot, comparison == WhereTokenKind.Equal, rightSlot, right.Kind == WhereTokenKind.True),
        };
    }

    private static string OperatorText(WhereTokenKind comparison) => comparison switch
    {
        WhereTokenKind.Less => "<",
        WhereTokenKind.LessOrEqual => "<=",
        WhereTokenKind.Greater => ">",
        _ => ">=",
    };

    /// <summary>The slot of the column <paramref name="operand"/> names; an unknown name is an error listing the columns.</summary>
    private int Column(WhereOperand operand, string use)
    {
        if (!operand.IsColumn)
        {
            throw new WhereSyntaxException($"{operand.Describe()} at position {operand.Position} is not a column and cannot be {use}");
        }

        var index = _schema.IndexOf(operand.Text);
        if (index < 0)
        {
            var matches = _schema.Columns.Where(c => string.Equals(c.Name, operand.Text, StringComparison.OrdinalIgnoreCase)).ToArray();
            index = matches.Length == 1 ? _schema.IndexOf(matches[0].Name) : -1;
        }

        if (index < 0)
        {
            throw new WhereSyntaxException(
                $"unknown column '{operand.Text}' at position {operand.Position} (columns: {string.Join(", ", _schema.Columns.Select(c => c.Name))})");
        }

        var name = _schema[index].Name;
        var slot = _slots.IndexOf(name);
        if (slot < 0)
        {
            slot = _slots.Count;
            _slots.Add(name);
        }

        return slot;
    }
}
