using System.Reflection;
using Life.Engine.Specs;

namespace Life.Sweep.Tests.Specs;

public sealed class CanonicalHardwareTests
{
    [Fact]
    public void Every_catalog_device_keeps_every_field_through_the_canonical_form_a_worker_rebuilds_it_from()
    {
        // Workers on other silos evaluate from the canonical spec, not the catalog: a field it leaves out
        // (it once dropped the node topology and fp4_tflops) silently changes their rows.
        var ids = Shipped.Catalog.Hardware.Where(e => e.Spec.Buckets is null).Select(e => e.Spec.Id).ToArray();
        var hardware = string.Join(", ", ids.Select(id => "\"" + id + "\""));
        var spec = SpecText.Parse("{\"hardware\": [" + hardware + "], \"models\": [\"llama-3-8b\"], \"workload\": {\"input_tokens\": [100], \"output_tokens\": [10]}}");
        var again = SpecText.Parse(spec.CanonicalJson);

        var fields = typeof(HardwareSpec).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != nameof(HardwareSpec.Buckets))
            .ToArray();
        Assert.Contains(fields, p => p.Name == nameof(HardwareSpec.DevicesPerNode));
        Assert.Contains(fields, p => p.Name == nameof(HardwareSpec.Fp4Tflops));
        Assert.Equal(ids.Length, again.Hardware.Count);
        for (var i = 0; i < ids.Length; i++)
        {
            foreach (var field in fields)
            {
                Assert.True(
                    Equals(field.GetValue(spec.Hardware[i]), field.GetValue(again.Hardware[i])),
                    $"{ids[i]}.{field.Name}: {field.GetValue(spec.Hardware[i])} became {field.GetValue(again.Hardware[i])}");
            }
        }

        Assert.Contains(spec.Hardware, h => h.DevicesPerNode > 1 && h.InterNodeGBs > 0);
        Assert.Contains(spec.Hardware, h => h.Fp4Tflops > 0);
    }
}
