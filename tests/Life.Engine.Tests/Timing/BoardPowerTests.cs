using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Specs;
using Life.Engine.Timing;

namespace Life.Engine.Tests.Timing;

public sealed class BoardPowerTests
{
    private static readonly OperatorTable Llama3 = OperatorTable.Build(Shipped.Catalog.ResolveModel("llama-3-8b"), new Optimizations(), Shipped.Defaults);

    [Fact]
    public void A_memory_bound_decode_step_draws_idle_plus_three_tenths_of_the_range_and_a_compute_bound_prefill_draws_tdp()
    {
        // A 700 W datacenter GPU without idle_power_w idles at 0.11 · 700 = 77 W.
        var h100 = new HardwareSpec { PowerW = 700 };
        Assert.Equal(77, BoardPower.IdleW(h100), 12);

        // 10 ms of decode, all of it in memory-bound operators: busy = 0.3 · 0.010 = 0.003 s,
        // E = 77 · 0.010 + (700 − 77) · 0.003 = 0.77 + 1.869 = 2.639 J (263.9 W on average).
        var decodeBusy = BoardPower.BusySeconds(computeBoundSeconds: 0, workingSeconds: 0.010);
        Assert.Equal(0.003, decodeBusy, 15);
        Assert.Equal(2.639, BoardPower.EnergyJ(h100, 0.010, decodeBusy), 12);

        // 100 ms of prefill, all compute-bound: busy = 0.1 s, E = 77 · 0.1 + 623 · 0.1 = 70 J = TDP · time.
        var prefillBusy = BoardPower.BusySeconds(computeBoundSeconds: 0.1, workingSeconds: 0.1);
        Assert.Equal(70, BoardPower.EnergyJ(h100, 0.1, prefillBusy), 12);
    }

    [Fact]
    public void A_device_is_never_more_than_fully_busy_and_a_given_idle_power_wins_over_the_class_default()
    {
        var device = new HardwareSpec { PowerW = 300, IdlePowerW = 50, DeviceClass = DeviceClass.ConsumerGpu };

        Assert.Equal(50, BoardPower.IdleW(device));
        Assert.Equal(300 * 2.0, BoardPower.EnergyJ(device, 2, 5), 12);
        Assert.Equal(0.1 * 450, BoardPower.IdleW(new HardwareSpec { PowerW = 450, DeviceClass = DeviceClass.ConsumerGpu }), 12);
        Assert.Equal(0.2 * 28, BoardPower.IdleW(new HardwareSpec { PowerW = 28, DeviceClass = DeviceClass.Cpu }), 12);
    }

    [Fact]
    public void In_life_form_prefill_is_billed_at_tdp_and_decode_at_its_memory_bound_power()
    {
        // LIFE's whole-model roofline: decode memory-bound by assumption; a 2048-token prompt of an 8B
        // model on 100 TFLOPS / 1000 GB/s is compute-bound (≈ 3.3e13 ops against ≈ 16 GB). No dispatch
        // overhead, one device: every second of TTFT is at u = 1, every decode second at u = 0.3.
        var device = new HardwareSpec { Fp16Tflops = 100, BandwidthGBs = 1000, MemoryGB = 80, PowerW = 400, IdlePowerW = 40 };
        var m = Evaluator.Evaluate(Llama3, device, new Workload(1, 2048, 129), RooflineMode.WholeModel);

        var ttft = m.TtftMs / 1e3;
        var decode = 128 * m.TpotMs / 1e3;
        var joules = (40 * (ttft + decode)) + (360 * (ttft + (0.3 * decode)));
        Assert.Equal(joules / (2048 + 129), m.EnergyJPerToken, 9);
        Assert.Equal(joules / 129, m.EnergyJPerOutputToken, 9);
        Assert.Equal(joules / (ttft + decode), m.MeanPowerW, 6);
        Assert.InRange(m.MeanPowerW, 40 + (0.3 * 360), 400);
    }

    [Fact]
    public void A_device_that_is_all_compute_draws_tdp_and_one_that_is_all_memory_draws_its_memory_bound_power()
    {
        // Per operator: with bandwidth near infinite every operator is compute-bound, with arithmetic
        // near infinite every one is memory-bound; nothing else takes time (no dispatch cost).
        var computeOnly = new HardwareSpec { Fp16Tflops = 100, BandwidthGBs = 1e12, MemoryGB = 80, PowerW = 500, IdlePowerW = 50 };
        var memoryOnly = computeOnly with { Fp16Tflops = 1e9, BandwidthGBs = 1000 };
        var workload = new Workload(4, 512, 64);

        Assert.Equal(500, Evaluator.Evaluate(Llama3, computeOnly, workload).MeanPowerW, 6);
        Assert.Equal(50 + (0.3 * 450), Evaluator.Evaluate(Llama3, memoryOnly, workload).MeanPowerW, 6);
    }

    [Fact]
    public void Kernel_launch_gaps_count_with_memory_bound_time_not_at_idle()
    {
        // All memory-bound, plus 20 µs per kernel: TPOT grows, the mean power stays 50 + 0.3 · 450 W.
        var memoryOnly = new HardwareSpec { Fp16Tflops = 1e9, BandwidthGBs = 1000, MemoryGB = 80, PowerW = 500, IdlePowerW = 50, DispatchOverheadUs = 20 };
        var m = Evaluator.Evaluate(Llama3, memoryOnly, new Workload(1, 128, 64));

        Assert.True(m.TpotMs > Evaluator.Evaluate(Llama3, memoryOnly with { DispatchOverheadUs = 0 }, new Workload(1, 128, 64)).TpotMs);
        Assert.Equal(50 + (0.3 * 450), m.MeanPowerW, 6);
    }

    [Fact]
    public void With_one_output_token_only_prefill_is_billed()
    {
        // No decode step lies inside E2E (= TTFT), so the request is a compute-bound prefill at TDP.
        var computeOnly = new HardwareSpec { Fp16Tflops = 100, BandwidthGBs = 1e12, MemoryGB = 80, PowerW = 500 };
        var m = Evaluator.Evaluate(Llama3, computeOnly, new Workload(1, 256, 1));

        Assert.Equal(500 * (m.E2eMs / 1e3) / 257, m.EnergyJPerToken, 9);
    }

    [Fact]
    public void The_catalog_h200_idles_at_its_measured_80_w_and_the_h100_at_the_datacenter_fraction_of_700_w()
    {
        Assert.Equal(80, BoardPower.IdleW(Shipped.Catalog.ResolveHardware("h200")));
        Assert.Equal(0.11 * 700, BoardPower.IdleW(Shipped.Catalog.ResolveHardware("h100-sxm")), 12);
    }

    [Fact]
    public void Idle_power_is_read_from_the_hardware_file_and_may_not_exceed_the_board_power()
    {
        var spec = HardwareJson.Parse("""{ "id": "x", "fp16_tflops": 1, "bandwidth_gbs": 1, "memory_gb": 1, "power_w": 300, "idle_power_w": 30 }""", "x.json", Shipped.Defaults);
        Assert.Equal(30, spec.IdlePowerW);

        var error = Assert.Throws<EngineInputException>(() =>
            HardwareJson.Parse("""{ "id": "x", "fp16_tflops": 1, "bandwidth_gbs": 1, "memory_gb": 1, "power_w": 300, "idle_power_w": 400 }""", "x.json", Shipped.Defaults));
        Assert.Contains("idle_power_w", error.Message, StringComparison.Ordinal);
    }
}
