namespace Life.Engine.Serving;

/// <summary>A serving model a capacity search can probe: the metrics at a request rate (implemented by structs, so the search stays allocation-free).</summary>
public interface IServingModel
{
    ServingMetrics At(double qps);
}
