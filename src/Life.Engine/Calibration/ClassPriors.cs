using Life.Engine.Specs;

namespace Life.Engine.Calibration;

/// <summary>
/// Efficiencies for device classes the measurements do not cover, with where each comes from. Used
/// by the defaults fit for a class without rows instead of the global fit (GPUs do not tell us
/// about CPUs).
/// </summary>
public static class ClassPriors
{
    public static (DeviceEfficiency Efficiency, string Evidence)? For(DeviceClass deviceClass) => deviceClass switch
    {
        // LIFE (arXiv 2508.00904) measured a Ryzen 9 HX 370 CPU: prefill at 48.2% of the 326.4 GFLOPS
        // peak (186 s for 2048 tokens), decode at 1.59 tokens/s for Llama-2-7B bf16 (12.85 GiB per
        // token) = 22 GB/s, 9% of the 240 GB/s spec; shared/validation/life-paper.csv.
        DeviceClass.Cpu => (new DeviceEfficiency(0.482, 0.09, 1, 0), "LIFE paper measurements on a Ryzen 9 HX 370 CPU (shared/validation/life-paper.csv): prefill 48.2% of peak, decode 1.59 tokens/s = 9% of spec bandwidth"),

        // No NPU measurements: LIFE's NPU prefill forecast assumes 50% of peak; memory efficiency as a
        // typical LPDDR SoC. An assumption until measurements exist; `calibrate` replaces it per device.
        DeviceClass.Npu => (new DeviceEfficiency(0.5, 0.6, 10, 0), "assumption, no NPU measurements: LIFE's 50% compute efficiency, 60% of LPDDR bandwidth, 10 µs per dispatch"),
        _ => null,
    };
}
