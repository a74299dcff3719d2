using Life.Engine.Specs;

namespace Life.Engine.Catalog;

/// <summary>
/// Efficiencies and dispatch overhead assumed for a device class when its catalog entry gives none.
/// Starting points before calibration: datacenter GPUs reach about 60% of tensor peak in large GEMMs
/// and 80% of HBM bandwidth in streaming reads; consumer and unified-memory GPUs a little less; CPUs
/// and NPUs far less of their compute peak.
/// </summary>
public readonly record struct DeviceClassDefaults(double ComputeEfficiency, double MemoryEfficiency, double DispatchOverheadUs)
{
    public static DeviceClassDefaults For(DeviceClass deviceClass) => deviceClass switch
    {
        DeviceClass.DatacenterGpu => new(0.6, 0.8, 5),
        DeviceClass.ConsumerGpu => new(0.5, 0.8, 5),
        DeviceClass.UnifiedMemoryGpu => new(0.5, 0.75, 10),
        DeviceClass.Cpu => new(0.3, 0.6, 1),
        DeviceClass.Npu => new(0.4, 0.6, 10),
        _ => new(0.5, 0.8, 5),
    };
}
