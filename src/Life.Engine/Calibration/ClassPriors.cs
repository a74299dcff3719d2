using Life.Engine.Specs;

namespace Life.Engine.Calibration;

/// <summary>
/// Efficiencies for device classes the measurements do not cover, with where each comes from. Used
/// by the defaults fit for a class without rows instead of the global fit (GPUs do not tell us
/// about CPUs).
/// </summary>
public static class ClassPriors
{
    private const double CpuMemoryEfficiency = 0.5;

    /// <summary>
    /// PyTorch + HF transformers decodes on a CPU far below what the memory can stream: LIFE measured
    /// 1.59 tokens/s for Llama-2-7B bf16 on a Ryzen 9 HX 370 (12.85 GiB per token, 22 GB/s, 9% of the
    /// 240 GB/s spec; shared/validation/life-paper.csv), against about 50% for CPU-tuned engines.
    /// </summary>
    public const double TransformersOnCpuMemoryFactor = 0.09 / CpuMemoryEfficiency;

    public static (DeviceEfficiency Efficiency, string Evidence)? For(DeviceClass deviceClass) => deviceClass switch
    {
        // No CPU rows in the dev measurements. Compute: LIFE (arXiv 2508.00904) measured prefill on a
        // Ryzen 9 HX 370 CPU at 48.2% of the 326.4 GFLOPS peak (186 s for 2048 tokens). Memory: an
        // assumption, 50% of the spec bandwidth, about what engines with hand-written CPU kernels
        // (llama.cpp) stream weights at in decode on dual-channel DDR5 desktops (7B Q4_0 at 11-13
        // tokens/s on about 90 GB/s; from memory, not verified). LIFE's own decode measurement on that
        // CPU (PyTorch + HF transformers, 9% of spec) is a property of that framework on CPUs, applied
        // by TransformersOnCpuMemoryFactor rather than to every engine.
        DeviceClass.Cpu => (new DeviceEfficiency(0.482, CpuMemoryEfficiency, 1, 0), "compute: LIFE paper prefill on a Ryzen 9 HX 370 CPU, 48.2% of peak (shared/validation/life-paper.csv); memory: assumption, 50% of spec bandwidth as llama.cpp-style CPU kernels reach in decode (HF transformers gets 9% in the LIFE measurement, applied as a framework factor on CPUs)"),

        // No NPU measurements: LIFE's NPU prefill forecast assumes 50% of peak; memory efficiency as a
        // typical LPDDR SoC. An assumption until measurements exist; `calibrate` replaces it per device.
        DeviceClass.Npu => (new DeviceEfficiency(0.5, 0.6, 10, 0), "assumption, no NPU measurements: LIFE's 50% compute efficiency, 60% of LPDDR bandwidth, 10 µs per dispatch"),
        _ => null,
    };
}
