namespace Life.Engine.Tests;

public sealed class PlaceholderTests
{
    [Fact]
    public void The_engine_assembly_is_named_as_the_layout_says() =>
        Assert.Equal(EngineAssembly.Name, typeof(EngineAssembly).Assembly.GetName().Name);
}
