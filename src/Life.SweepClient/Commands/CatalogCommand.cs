using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Life.Engine.Catalog;
using Life.Engine.Operators;
using Life.Engine.Specs;

namespace Life.SweepClient.Commands;

/// <summary><c>life-sweep catalog hardware|models</c>: the built-in entries, their numbers and sources.</summary>
internal static class CatalogCommand
{
    public static Command Create(BuiltInCatalog catalog)
    {
        var command = new Command("catalog", "List the built-in hardware and model catalogs, with the source of every number.");
        command.Subcommands.Add(Hardware(catalog));
        command.Subcommands.Add(Models(catalog));
        return command;
    }

    private static Command Hardware(BuiltInCatalog catalog)
    {
        var sources = new Option<bool>("--sources") { Description = "Show where each number comes from" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("hardware", "Built-in devices.") { sources, json };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var c = CultureInfo.InvariantCulture;
            if (parse.GetValue(json))
            {
                WriteJson(output, catalog.Hardware, (writer, spec) =>
                {
                    writer.WriteString("name", spec.Name);
                    writer.WriteString("device_class", spec.DeviceClass.ToString());
                    writer.WriteNumber("fp16_tflops", spec.Fp16Tflops);
                    writer.WriteNumber("fp8_tflops", spec.Fp8Tflops);
                    writer.WriteNumber("int8_tops", spec.Int8Tops);
                    writer.WriteNumber("int4_tops", spec.Int4Tops);
                    writer.WriteNumber("bandwidth_gbs", spec.BandwidthGBs);
                    writer.WriteNumber("memory_gb", spec.MemoryGB);
                    writer.WriteNumber("compute_efficiency", spec.ComputeEfficiency);
                    writer.WriteNumber("memory_efficiency", spec.MemoryEfficiency);
                    writer.WriteNumber("dispatch_us", spec.DispatchOverheadUs);

                    // The same optional numbers the table shows; null (not NaN, not absent) when unknown.
                    WriteOptional(writer, "power_w", spec.PowerW);
                    WriteOptional(writer, "price_usd", spec.PriceUsd);
                    WriteOptional(writer, "price_usd_per_hour", spec.PriceUsdPerHour);
                    WriteOptional(writer, "hourly_cost_usd", spec.HourlyCostUsd);
                    WriteOptional(writer, "interconnect_gbs", spec.InterconnectGBs > 0 ? spec.InterconnectGBs : double.NaN);
                });
                return CliApplication.Success;
            }

            output.WriteLine(string.Create(c, $"{"id",-24}{"class",-18}{"FP16 TFLOPS",12}{"INT8 TOPS",11}{"GB/s",8}{"GB",6}{"W",7}{"USD",8}  name"));
            foreach (var entry in catalog.Hardware)
            {
                var h = entry.Spec;
                output.WriteLine(string.Create(c, $"{entry.Id,-24}{h.DeviceClass,-18}{h.Fp16Tflops,12:0.###}{h.Int8Tops,11:0.#}{h.BandwidthGBs,8:0.#}{h.MemoryGB,6:0.#}{Optional(h.PowerW),7}{Optional(h.PriceUsd),8}  {h.Name}"));
                WriteSources(output, entry.Sources, parse.GetValue(sources));
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static Command Models(BuiltInCatalog catalog)
    {
        var sources = new Option<bool>("--sources") { Description = "Show where each config comes from" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("models", "Built-in models (Hugging Face config.json files).") { sources, json };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var c = CultureInfo.InvariantCulture;
            if (parse.GetValue(json))
            {
                WriteJson(output, catalog.Models, (writer, spec) =>
                {
                    writer.WriteString("model_type", spec.ModelType);
                    writer.WriteNumber("parameters", OperatorTable.Build(spec, new Optimizations(), catalog.Defaults).ParameterCount);
                    writer.WriteNumber("hidden_size", spec.HiddenSize);
                    writer.WriteNumber("num_hidden_layers", spec.NumLayers);
                    writer.WriteNumber("num_attention_heads", spec.NumHeads);
                    writer.WriteNumber("num_key_value_heads", spec.NumKvHeads);
                    writer.WriteNumber("intermediate_size", spec.IntermediateSize);
                    writer.WriteNumber("vocab_size", spec.VocabSize);
                    writer.WriteNumber("num_experts", spec.NumExperts);
                    writer.WriteNumber("kv_lora_rank", spec.KvLoraRank);
                    writer.WriteNumber("linear_attention_layers", spec.LayersWith(ModelSpec.LinearAttentionMixer));
                    writer.WriteNumber("mamba_layers", spec.LayersWith(ModelSpec.MambaMixer));
                    writer.WriteNumber("state_bytes_per_sequence", OperatorTable.Build(spec, new Optimizations(), catalog.Defaults).StateBytesPerSequence);
                });
                return CliApplication.Success;
            }

            output.WriteLine(string.Create(c, $"{"id",-30}{"params (B)",11}{"layers",8}{"hidden",8}{"heads",7}{"kv",5}{"experts",9}{"KV KiB/tok",12}{"state MiB",11}"));
            foreach (var entry in catalog.Models)
            {
                var m = entry.Spec;
                var table = OperatorTable.Build(m, new Optimizations(), catalog.Defaults);
                var experts = m.IsMoe ? $"{m.ExpertsPerToken}/{m.NumExperts}" : "-";
                output.WriteLine(string.Create(c, $"{entry.Id,-30}{table.ParameterCount / 1e9,11:0.00}{m.NumLayers,8}{m.HiddenSize,8}{m.NumHeads,7}{m.NumKvHeads,5}{experts,9}{(table.KvCacheBytes(1) - table.StateBytesPerSequence) / 1024,12:0.0}{table.StateBytesPerSequence / (1024.0 * 1024),11:0.0}"));
                WriteSources(output, entry.Sources, parse.GetValue(sources));
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsNaN(value))
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteNumber(name, value);
        }
    }

    private static string Optional(double value) => double.IsNaN(value) ? "-" : value.ToString("0", CultureInfo.InvariantCulture);

    private static void WriteSources(TextWriter output, IReadOnlyDictionary<string, string> sources, bool show)
    {
        if (!show)
        {
            return;
        }

        foreach (var (field, source) in sources)
        {
            output.WriteLine($"    {field}: {source}");
        }
    }

    private static void WriteJson<T>(TextWriter output, IReadOnlyList<CatalogEntry<T>> entries, Action<Utf8JsonWriter, T> fields)
        where T : struct
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var entry in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("id", entry.Id);
                fields(writer, entry.Spec);
                writer.WriteStartArray("aliases");
                foreach (var alias in entry.Aliases)
                {
                    writer.WriteStringValue(alias);
                }

                writer.WriteEndArray();
                writer.WriteStartObject("sources");
                foreach (var (field, source) in entry.Sources)
                {
                    writer.WriteString(field, source);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
