using System.Text.RegularExpressions;

namespace Life.Engine.Specs;

/// <summary>
/// Infers a <see cref="DeviceClass"/> from a device name, for devices not in the catalog. Order
/// matters: an APU's name carries both its CPU brand and its GPU ("Ryzen AI Max+ 395 ... Radeon
/// 8060S iGPU" is the unified-memory GPU), so explicit device words come first, then unified-memory
/// parts, then CPU model names, then consumer GPU names; anything else is taken for a datacenter GPU.
/// </summary>
public static partial class DeviceClasses
{
    public static DeviceClass Infer(string? name)
    {
        var s = (name ?? string.Empty).ToLowerInvariant();
        if (s.Contains("npu", StringComparison.Ordinal))
        {
            return DeviceClass.Npu;
        }

        if (CpuWord().IsMatch(s))
        {
            return DeviceClass.Cpu;
        }

        if (UnifiedMemoryPart().IsMatch(s))
        {
            return DeviceClass.UnifiedMemoryGpu;
        }

        if (CpuModel().IsMatch(s))
        {
            return DeviceClass.Cpu;
        }

        if (ConsumerGpu().IsMatch(s))
        {
            return DeviceClass.ConsumerGpu;
        }

        return DeviceClass.DatacenterGpu;
    }

    [GeneratedRegex(@"\bcpu\b|xeon|epyc|threadripper", RegexOptions.CultureInvariant)]
    private static partial Regex CpuWord();

    [GeneratedRegex(@"apple|igpu|strix halo|ryzen ai max|gb10|dgx spark|jetson|radeon 8\d\d0s|lunar lake|\bm[1-5]\b", RegexOptions.CultureInvariant)]
    private static partial Regex UnifiedMemoryPart();

    // Desktop and laptop CPUs named by model only (llama.cpp CPU runs): Ryzen 9 7950X, Core i9-13900K,
    // Core Ultra 7 155H, Graviton3, Ampere Altra, Snapdragon X Elite.
    [GeneratedRegex(@"\bryzen\b|\bcore i[3579]\b|\bi[3579]-\d{4,5}|core ultra|graviton|altra|snapdragon|\bgrace\b(?!.*hopper|.*blackwell)", RegexOptions.CultureInvariant)]
    private static partial Regex CpuModel();

    [GeneratedRegex(@"geforce|\brtx\b|\bgtx\b|radeon|\barc\b|titan|\b[3-5]0[5-9]0\b|\b[3-5]0[5-9]0 ?ti\b", RegexOptions.CultureInvariant)]
    private static partial Regex ConsumerGpu();
}
