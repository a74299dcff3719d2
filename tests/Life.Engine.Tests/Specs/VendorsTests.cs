using Life.Engine.Specs;

namespace Life.Engine.Tests.Specs;

public sealed class VendorsTests
{
    [Theory]
    [InlineData("Intel Gaudi 2 96GB HBM2e", Vendor.Intel)]
    [InlineData("Apple M2 Max (38-core GPU)", Vendor.Apple)]
    [InlineData("M3 Max 40-Core GPU 64GB", Vendor.Apple)]
    [InlineData("m2-ultra-76c-192gb", Vendor.Apple)]
    [InlineData("AMD Instinct MI210 64GB HBM2e", Vendor.Amd)]
    [InlineData("NVIDIA H100 SXM5 80GB HBM3", Vendor.Nvidia)]
    public void The_vendor_comes_from_the_name_and_memory_types_do_not_look_like_apple_chips(string name, Vendor vendor)
    {
        Assert.Equal(vendor, Vendors.Infer(name));
    }
}
