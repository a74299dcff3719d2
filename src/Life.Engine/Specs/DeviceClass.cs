namespace Life.Engine.Specs;

/// <summary>Broad kind of device; default efficiencies differ between them.</summary>
public enum DeviceClass : byte
{
    DatacenterGpu = 0,
    ConsumerGpu = 1,
    UnifiedMemoryGpu = 2,
    Cpu = 3,
    Npu = 4,
}
