# oneDNN's INT8 GEMM through PyTorch's quantized Linear, for the ratio the README reports against IntegerGemm.
# Needs Debian's python3-torch (1.13; its quantized engines are onednn and qnnpack, no fbgemm).
# Run: python3 tests/AccelSim.Benchmarks/onednn-int8.py
import time

import torch

torch.backends.quantized.engine = "onednn"
torch.set_num_threads(2)
for m, n, k in [(1024, 1024, 1024), (1, 4096, 4096)]:
    linear = torch.ao.nn.quantized.Linear(k, n)
    linear.set_weight_bias(torch.quantize_per_tensor(torch.randn(n, k), 0.02, 0, torch.qint8), None)
    linear.scale, linear.zero_point = 0.5, 64
    x = torch.quantize_per_tensor(torch.randn(m, k), 0.05, 64, torch.quint8)
    for _ in range(5):
        linear(x)
    times = []
    for _ in range(7):
        reps = 20 if m > 1 else 500
        start = time.perf_counter()
        for _ in range(reps):
            linear(x)
        times.append((time.perf_counter() - start) / reps)
    median = sorted(times)[3]
    print(f"{m}x{n}x{k}: median {median * 1e6:.1f} us, {m * n * k / median / 1e9:.1f} GMAC/s")
