"""Writes BUCKETS.csv and TEST.csv for a synthetic bucketed NPU (standard library only; deterministic).

The device is the staircase of tests/Life.Engine.Tests/Lens/SyntheticNpu.cs: an input is padded to the
smallest compiled bucket holding it; prefill costs 15 + 0.09*B + 2e-6*B^2 ms for bucket length B, each
decode step 18 + 0.004*K ms for the decode bucket K holding its KV length; every run has 1% Gaussian noise.
"""
import random

BUCKETS = [128, 256, 512, 1024, 2048, 4096]
rng = random.Random(2026)


def padded(length):
    return next(b for b in BUCKETS if length <= b)


def e2e_ms(inp, out):
    total = 15 + 0.09 * padded(inp) + 2e-6 * padded(inp) ** 2
    total += sum(18 + 0.004 * padded(inp + t) for t in range(1, out))
    return round(total * (1 + 0.01 * rng.gauss(0, 1)), 3)


with open("BUCKETS.csv", "w") as f:
    f.write("bucket,batch,input_tokens,output_tokens,e2e_ms\n")
    low = 0
    for bucket in BUCKETS:
        width = bucket - low
        inp, out = low + 1 + width // 4, width // 2
        f.write(f"{bucket},1,{inp},1,{e2e_ms(inp, 1)}\n")
        f.write(f"{bucket},1,{inp},{out},{e2e_ms(inp, out)}\n")
        low = bucket

with open("TEST.csv", "w") as f:
    f.write("batch,input_tokens,output_tokens,e2e_ms\n")
    for _ in range(40):
        inp = rng.randint(1, 4096)
        out = rng.randint(1, min(256, 4096 - inp + 1))
        f.write(f"1,{inp},{out},{e2e_ms(inp, out)}\n")
