using Life.Engine.Catalog;

namespace Life.Engine.Tests.Catalog;

public sealed class HardwareNameMatcherTests
{
    private static readonly (string Name, string Id)[] Entries =
    [
        ("a100-40gb", "a100-40gb"), ("a100-80gb", "a100-80gb"), ("NVIDIA A100 80GB SXM4", "a100-80gb"), ("a100-80gb-pcie", "a100-80gb-pcie"),
        ("rtx-3060", "rtx-3060"), ("rtx-3060-ti", "rtx-3060-ti"), ("rtx-4090", "rtx-4090"),
        ("m3-max", "m3-max"), ("m3-max-40c-64gb", "m3-max-40c-64gb"), ("rx-7900-xtx", "rx-7900-xtx"), ("rx-7900-xt", "rx-7900-xt"),
        ("h100-sxm", "h100-sxm"), ("h100-pcie", "h100-pcie"), ("h100", "h100-sxm"), ("l40", "l40"), ("l40s", "l40s"),
    ];

    [Theory]
    [InlineData("NVIDIA A100-SXM4-80GB", "a100-80gb")]
    [InlineData("NVIDIA A100 80GB PCIe", "a100-80gb-pcie")]
    [InlineData("A100 40GB", "a100-40gb")]
    [InlineData("NVIDIA GeForce RTX 3060 12GB", "rtx-3060")]
    [InlineData("GeForce RTX 3060 Ti", "rtx-3060-ti")]
    [InlineData("NVIDIA GeForce RTX 4090 (Founders Edition)", "rtx-4090")]
    [InlineData("Apple M3 Max (40-core GPU, 64 GB)", "m3-max-40c-64gb")]
    [InlineData("Apple M3 Max 30-core GPU 36GB", "m3-max")]
    [InlineData("AMD Radeon RX 7900 XTX", "rx-7900-xtx")]
    [InlineData("Radeon RX 7900 XT 20GB", "rx-7900-xt")]
    [InlineData("NVIDIA H100 SXM5 80GB", "h100-sxm")]
    [InlineData("NVIDIA H100 80GB HBM3", "h100-sxm")]
    [InlineData("NVIDIA H100 PCIe", "h100-pcie")]
    [InlineData("NVIDIA L40S", "l40s")]
    public void A_free_form_device_name_finds_the_most_specific_entry_it_covers(string name, string id)
    {
        Assert.Equal(id, HardwareNameMatcher.Match(name, Entries));
    }

    [Theory]
    [InlineData("NVIDIA A100")]
    [InlineData("NVIDIA GeForce RTX")]
    [InlineData("RTX 3070")]
    [InlineData("NVIDIA GeForce RTX 4090 Laptop GPU")]
    [InlineData("NVIDIA H100 NVL")]
    [InlineData("Apple M3 Ultra")]
    [InlineData("")]
    public void A_name_that_covers_no_entry_or_two_equally_matches_nothing(string name)
    {
        Assert.Null(HardwareNameMatcher.Match(name, Entries));
    }

    [Fact]
    public void Two_entries_tied_for_the_most_tokens_make_the_name_ambiguous()
    {
        (string, string)[] entries = [("h100", "h100-sxm"), ("h100", "h100-pcie")];

        Assert.Null(HardwareNameMatcher.Match("NVIDIA H100", entries));
    }

    [Theory]
    [InlineData("NVIDIA GeForce RTX 3060 12GB", "rtx-3060")]
    [InlineData("NVIDIA A100-SXM4-80GB", "a100-80gb")]
    [InlineData("NVIDIA H100 PCIe", "h100-pcie")]
    [InlineData("NVIDIA H100 NVL 94GB", "h100-nvl")]
    [InlineData("AMD Instinct MI250X", "mi250x")]
    [InlineData("Apple M4 Max (40-core GPU)", "m4-max")]
    [InlineData("NVIDIA GeForce RTX 4080 SUPER", "rtx-4080-super")]
    public void Measurement_files_find_built_in_devices_by_the_names_vendors_and_tools_print(string name, string id)
    {
        Assert.True(Shipped.Catalog.TryGetHardware(name, out var spec), $"'{name}' not found");
        Assert.Equal(id, spec.Id);
    }

    [Theory]
    [InlineData("NVIDIA GeForce RTX 4090 Laptop GPU")]
    [InlineData("NVIDIA A100 40GB PCIe")]
    public void A_part_the_catalog_lacks_or_cannot_tell_apart_is_not_found(string name)
    {
        Assert.False(Shipped.Catalog.TryGetHardware(name, out _));
    }
}
