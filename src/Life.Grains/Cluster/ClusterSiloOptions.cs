using System.Net;

namespace Life.Grains.Cluster;

/// <summary>What one life-silo brings to the cluster: its address and ports, its shard slots, and the dispatch bound of the sweep grains it hosts.</summary>
public sealed record ClusterSiloOptions(IPAddress Advertised, int SiloPort, int GatewayPort, int Concurrency, int MaxShardsInFlight);
