using Life.Engine.Calibration;
using Life.Engine.Catalog;

namespace Life.Sweep.Tests;

/// <summary>The shipped catalog and defaults, loaded once for the tests (the engine itself holds no such global).</summary>
internal static class Shipped
{
    public static BuiltInCatalog Catalog { get; } = BuiltInCatalog.LoadShipped();

    public static EfficiencyDefaults Defaults => Catalog.Defaults;
}
