namespace Life.Engine.Specs;

/// <summary>Infers a <see cref="DeviceClass"/> from a device name, for devices not in the catalog.</summary>
public static class DeviceClasses
{
    public static DeviceClass Infer(string? name)
    {
        var s = (name ?? string.Empty).ToLowerInvariant();
        if (s.Contains("npu", StringComparison.Ordinal))
        {
            return DeviceClass.Npu;
        }

        if (s.Contains("cpu", StringComparison.Ordinal) || s.Contains("xeon", StringComparison.Ordinal) || s.Contains("epyc", StringComparison.Ordinal)
            || s.Contains("threadripper", StringComparison.Ordinal))
        {
            return DeviceClass.Cpu;
        }

        if (s.Contains("apple", StringComparison.Ordinal) || s.Contains("igpu", StringComparison.Ordinal) || s.Contains("strix halo", StringComparison.Ordinal)
            || s.Contains("ryzen ai max", StringComparison.Ordinal) || s.Contains("gb10", StringComparison.Ordinal) || s.Contains("dgx spark", StringComparison.Ordinal)
            || s.Contains("jetson", StringComparison.Ordinal) || s.Contains("radeon 8", StringComparison.Ordinal) || s.Contains("lunar lake", StringComparison.Ordinal)
            || System.Text.RegularExpressions.Regex.IsMatch(s, @"\bm[1-5]\b"))
        {
            return DeviceClass.UnifiedMemoryGpu;
        }

        if (s.Contains("geforce", StringComparison.Ordinal) || s.Contains("rtx", StringComparison.Ordinal) || s.Contains("gtx", StringComparison.Ordinal)
            || s.Contains("radeon", StringComparison.Ordinal) || s.Contains("arc", StringComparison.Ordinal) || System.Text.RegularExpressions.Regex.IsMatch(s, @"\b[3-5]0[5-9]0\b"))
        {
            return DeviceClass.ConsumerGpu;
        }

        return DeviceClass.DatacenterGpu;
    }
}
