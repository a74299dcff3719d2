namespace Life.Engine.Specs;

/// <summary>
/// One device as the roofline sees it: peak arithmetic per precision, memory bandwidth and capacity,
/// efficiencies, per-dispatch overhead, and optionally price and power. Peaks of 0 mean "not
/// supported": the operator falls back to the next wider precision (int4 → int8 → fp16, fp8 → fp16).
/// </summary>
public readonly struct HardwareSpec
{
    /// <summary>Hours a purchased device is amortized over when only a purchase price is known (3 years).</summary>
    public const double AmortizationHours = 3 * 365 * 24;

    /// <summary>Electricity price used to turn power into running cost when a purchase price is given.</summary>
    public const double ElectricityUsdPerKwh = 0.15;

    public HardwareSpec()
    {
        Id = "custom";
        Name = "custom";
        ComputeEfficiency = 0.5;
        MemoryEfficiency = 0.8;
        PriceUsd = double.NaN;
        PriceUsdPerHour = double.NaN;
        PowerW = double.NaN;
        IdlePowerW = double.NaN;
        ComputeMemoryOverlap = 1;
    }

    public string Id { get; init; }

    public string Name { get; init; }

    public DeviceClass DeviceClass { get; init; }

    public Vendor Vendor { get; init; }

    /// <summary>Dense FP16/BF16 peak in TFLOPS (10^12 operations per second).</summary>
    public double Fp16Tflops { get; init; }

    public double Fp8Tflops { get; init; }

    public double Int8Tops { get; init; }

    public double Int4Tops { get; init; }

    /// <summary>Memory bandwidth in GB/s (10^9 bytes per second).</summary>
    public double BandwidthGBs { get; init; }

    /// <summary>Memory capacity in GB (10^9 bytes).</summary>
    public double MemoryGB { get; init; }

    /// <summary>Fraction of the arithmetic peak reached by operators (0..1].</summary>
    public double ComputeEfficiency { get; init; }

    /// <summary>Fraction of the memory bandwidth reached by operators (0..1].</summary>
    public double MemoryEfficiency { get; init; }

    /// <summary>Fixed cost of launching one kernel (dispatch), in microseconds.</summary>
    public double DispatchOverheadUs { get; init; }

    /// <summary>
    /// Tokens per step at which matrix multiplications reach half their compute efficiency: small
    /// GEMMs (decode, short prompts) cannot fill the device. GEMM compute time is scaled by
    /// (m + m₀) / m for m tokens in the step; 0 disables the effect.
    /// </summary>
    public double HalfEfficiencyTokens { get; init; }

    /// <summary>
    /// How much of an operator's memory traffic hides behind its arithmetic (and vice versa): its time
    /// is max(t_c, t_m) + (1 − overlap) · min(t_c, t_m). 1 is the ideal roofline; below 1, kernels that
    /// dequantize and stream in the same threads (small GEMMs, integrated GPUs) pay for both.
    /// </summary>
    public double ComputeMemoryOverlap { get; init; }

    /// <summary>
    /// For a bucketed device (an NPU compiled per input bucket, hardware JSON <c>"kind": "bucketed"</c>):
    /// the LENS profile that replaces the roofline for it (lens-model.md). Null for roofline devices.
    /// </summary>
    public Lens.BucketProfile? Buckets { get; init; }

    public bool IsBucketed => Buckets is not null;

    /// <summary>Purchase price in USD; NaN when unknown.</summary>
    public double PriceUsd { get; init; }

    /// <summary>Rental price per hour in USD; NaN when unknown. Wins over <see cref="PriceUsd"/>.</summary>
    public double PriceUsdPerHour { get; init; }

    /// <summary>Board power in W; NaN when unknown.</summary>
    public double PowerW { get; init; }

    /// <summary>Board power idle with a model loaded, in W; NaN: a class fraction of <see cref="PowerW"/> (<see cref="Timing.BoardPower"/>).</summary>
    public double IdlePowerW { get; init; }

    /// <summary>Device-to-device bandwidth in GB/s (NVLink, Infinity Fabric, PCIe); 0 when unknown.</summary>
    public double InterconnectGBs { get; init; }

    /// <summary>Devices one node holds behind its fast link (8 in an HGX/OAM board); 0 when unknown: any group counts as one node.</summary>
    public int DevicesPerNode { get; init; }

    /// <summary>Intra-node bandwidth per direction in GB/s, what a ring step can push; 0: half of <see cref="InterconnectGBs"/>.</summary>
    public double IntraNodeGBs { get; init; }

    /// <summary>Latency of one hop of a collective inside a node, in µs; 0 when unknown.</summary>
    public double IntraNodeLatencyUs { get; init; }

    /// <summary>Network bandwidth per device per direction between nodes in GB/s (one 400 Gb/s NIC per GPU = 50); 0 when unknown.</summary>
    public double InterNodeGBs { get; init; }

    /// <summary>Latency of one hop between nodes, in µs; 0 when unknown.</summary>
    public double InterNodeLatencyUs { get; init; }

    public bool HasCost => !double.IsNaN(HourlyCostUsd);

    /// <summary>Running cost per hour: the rental price, or the purchase price amortized plus electricity.</summary>
    public double HourlyCostUsd
    {
        get
        {
            if (!double.IsNaN(PriceUsdPerHour))
            {
                return PriceUsdPerHour;
            }

            if (double.IsNaN(PriceUsd))
            {
                return double.NaN;
            }

            var energy = double.IsNaN(PowerW) ? 0 : PowerW / 1000 * ElectricityUsdPerKwh;
            return PriceUsd / AmortizationHours + energy;
        }
    }

    /// <summary>Peak operations per second for an operator in <paramref name="precision"/>, with fallbacks.</summary>
    public double PeakOpsPerSecond(Precision precision)
    {
        var tera = precision switch
        {
            Precision.Int4 => Int4Tops > 0 ? Int4Tops : Int8Tops > 0 ? Int8Tops : Fp16Tflops,
            Precision.Int8 => Int8Tops > 0 ? Int8Tops : Fp16Tflops,
            Precision.Fp8 => Fp8Tflops > 0 ? Fp8Tflops : Fp16Tflops,
            _ => Fp16Tflops,
        };
        return tera * 1e12;
    }

    /// <summary>Throws <see cref="EngineInputException"/> naming the first impossible field.</summary>
    public void Validate()
    {
        if (IsBucketed)
        {
            // Its profile, not peaks, times it: only the capacity (which decides fits; without it any
            // model "fit") and the optional numbers must make sense.
            if (!(MemoryGB > 0 && double.IsFinite(MemoryGB)))
            {
                throw new EngineInputException($"hardware '{Id}': a bucketed device needs memory_gb, its memory capacity (it decides fits)");
            }

            Require(double.IsNaN(PriceUsd) || PriceUsd >= 0, "price_usd", PriceUsd);
            Require(double.IsNaN(PriceUsdPerHour) || PriceUsdPerHour >= 0, "price_usd_per_hour", PriceUsdPerHour);
            Require(double.IsNaN(PowerW) || PowerW >= 0, "power_w", PowerW);
            RequireIdlePower();
            return;
        }

        Require(Fp16Tflops > 0 && double.IsFinite(Fp16Tflops), "tflops", Fp16Tflops);
        Require(BandwidthGBs > 0 && double.IsFinite(BandwidthGBs), "bandwidth_gbs", BandwidthGBs);
        Require(MemoryGB > 0 && double.IsFinite(MemoryGB), "memory_gb", MemoryGB);
        Require(Fp8Tflops >= 0, "fp8_tflops", Fp8Tflops);
        Require(Int8Tops >= 0, "int8_tops", Int8Tops);
        Require(Int4Tops >= 0, "int4_tops", Int4Tops);
        Require(ComputeEfficiency > 0 && ComputeEfficiency <= 1, "compute_eff", ComputeEfficiency);
        Require(MemoryEfficiency > 0 && MemoryEfficiency <= 1, "memory_eff", MemoryEfficiency);
        Require(DispatchOverheadUs >= 0 && double.IsFinite(DispatchOverheadUs), "dispatch_us", DispatchOverheadUs);
        Require(HalfEfficiencyTokens >= 0 && double.IsFinite(HalfEfficiencyTokens), "half_efficiency_tokens", HalfEfficiencyTokens);
        Require(ComputeMemoryOverlap >= 0 && ComputeMemoryOverlap <= 1, "overlap", ComputeMemoryOverlap);
        Require(double.IsNaN(PriceUsd) || PriceUsd >= 0, "price_usd", PriceUsd);
        Require(double.IsNaN(PriceUsdPerHour) || PriceUsdPerHour >= 0, "price_usd_per_hour", PriceUsdPerHour);
        Require(double.IsNaN(PowerW) || PowerW >= 0, "power_w", PowerW);
        RequireIdlePower();
        Require(DevicesPerNode >= 0, "devices_per_node", DevicesPerNode);
        Require(IntraNodeGBs >= 0 && double.IsFinite(IntraNodeGBs), "intra_node_gbs", IntraNodeGBs);
        Require(IntraNodeLatencyUs >= 0 && double.IsFinite(IntraNodeLatencyUs), "intra_node_latency_us", IntraNodeLatencyUs);
        Require(InterNodeGBs >= 0 && double.IsFinite(InterNodeGBs), "inter_node_gbs", InterNodeGBs);
        Require(InterNodeLatencyUs >= 0 && double.IsFinite(InterNodeLatencyUs), "inter_node_latency_us", InterNodeLatencyUs);
    }

    private void RequireIdlePower()
    {
        Require(double.IsNaN(IdlePowerW) || (IdlePowerW >= 0 && (double.IsNaN(PowerW) || IdlePowerW <= PowerW)), "idle_power_w (at least 0, at most power_w)", IdlePowerW);
    }

    private void Require(bool ok, string field, double value)
    {
        if (!ok)
        {
            throw new EngineInputException(
                $"hardware '{Id}': {field} = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range");
        }
    }
}
