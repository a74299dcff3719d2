using Life.Engine.Specs;

namespace Life.Engine.Tests.Specs;

public sealed class DeviceClassesTests
{
    public static TheoryData<string, DeviceClass> Names => new()
    {
        { "Nvidia H100 GPU (80GB HBM3 per nvidia-smi in repo README)", DeviceClass.DatacenterGpu },
        { "NVIDIA A100-SXM4-80GB", DeviceClass.DatacenterGpu },
        { "NVIDIA GH200 Grace Hopper Superchip", DeviceClass.DatacenterGpu },
        { "AMD Instinct MI250X", DeviceClass.DatacenterGpu },
        { "Intel Gaudi 2", DeviceClass.DatacenterGpu },
        { "4080 16GB", DeviceClass.ConsumerGpu },
        { "NVIDIA GeForce RTX 4090", DeviceClass.ConsumerGpu },
        { "RTX A6000 48GB", DeviceClass.ConsumerGpu },
        { "AMD Radeon RX 7900 XTX", DeviceClass.ConsumerGpu },
        { "Intel Arc A770", DeviceClass.ConsumerGpu },
        { "3080 Ti 12GB", DeviceClass.ConsumerGpu },
        { "AMD Ryzen AI Max+ 395 (Strix Halo, Radeon 8060S iGPU, 128GB LPDDR5x-8000)", DeviceClass.UnifiedMemoryGpu },
        { "NVIDIA DGX Spark (GB10)", DeviceClass.UnifiedMemoryGpu },
        { "M2 Ultra 76-Core GPU 192GB", DeviceClass.UnifiedMemoryGpu },
        { "Apple M4 Max", DeviceClass.UnifiedMemoryGpu },
        { "Ryzen 9 HX 370 CPU", DeviceClass.Cpu },
        { "AMD Ryzen 9 7950X", DeviceClass.Cpu },
        { "Intel Core i9-13900K", DeviceClass.Cpu },
        { "Intel Xeon Platinum 8480+", DeviceClass.Cpu },
        { "AWS Graviton3", DeviceClass.Cpu },
        { "NVIDIA Grace CPU Superchip", DeviceClass.Cpu },
        { "AMD Ryzen AI 9 HX 370 NPU (XDNA 2)", DeviceClass.Npu },
        { "Intel Core Ultra 7 155H NPU", DeviceClass.Npu },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Device_names_not_in_the_catalog_get_the_class_their_name_says(string name, DeviceClass expected)
    {
        Assert.Equal(expected, DeviceClasses.Infer(name));
    }
}
