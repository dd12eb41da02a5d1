#!/usr/bin/env python3
"""The NetGen.Benchmarks workloads in PyTorch, beside bench/numpy_bench.py's NumPy versions.

The SGD workloads (question 7, the 784-256-128-10 and 20-16-3 steps, the scaling rows) use numpy_bench.py's own
numbers (NumPy's legacy generator, seed 0, the same drawing order), in float64, with autograd computing the gradients
(the input batch needs none, so the first layer's input gradient is not computed, as in NetGen) and plain SGD,
lr 1e-6, on the squared error summed over the batch. Question 7 is timed as its whole 500-iteration run, written as
PyTorch's own two-layer autograd example writes it; the rest as one training step.

Two float32 Adam workloads match NetGen.Benchmarks' FashionStepBenchmarks and LargeAdamBenchmarks:
  fashion-step  one step of 64 x 784-256-128-10 with biases, softmax cross-entropy summed over the batch, Adam 1e-3,
                cycling through 16 batches of image-like inputs (half the pixels 0);
  adam-4096     one step of 256 x 4096-4096-4096-10 without biases, Adam 1e-6, standard normal inputs.
Both as nn.Sequential of nn.Linear layers, nn.CrossEntropyLoss(reduction="sum") and torch.optim.Adam.

--threads N sets torch.set_num_threads(N) and the BLAS's threads (threadpoolctl): Debian's PyTorch does its matrix
products in the system BLAS (OpenBLAS), whose threads torch.set_num_threads does not govern. The script prints the
kernel OpenBLAS runs and both thread counts. Run it with the OpenBLAS variables that force a kernel unset:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/torch_bench.py --threads 1 --json torch-1thread.json
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
from threadpoolctl import threadpool_limits

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_bench  # noqa: E402
import peers  # noqa: E402

LEARNING_RATE = numpy_bench.LEARNING_RATE
WORKLOADS = list(numpy_bench.WORKLOADS) + ["fashion-step", "adam-4096"]


def sgd_workload(name):
    """One SGD TrainStep (or, for q7, a fresh 500-iteration run) of a numpy_bench workload, as a function."""
    x, t, weights, offsets = numpy_bench.draw(name)
    x, t = torch.from_numpy(x), torch.from_numpy(t)
    if name == "q7":
        initial = [torch.from_numpy(w) for w in weights]
        w1, w2 = (w.clone().requires_grad_() for w in initial)

        def run():
            with torch.no_grad():
                w1.copy_(initial[0])
                w2.copy_(initial[1])
            for _ in range(500):
                y_pred = x.mm(w1).clamp(min=0).mm(w2)
                loss = (y_pred - t).pow(2).sum()
                loss.backward()
                with torch.no_grad():
                    w1.sub_(LEARNING_RATE * w1.grad)
                    w2.sub_(LEARNING_RATE * w2.grad)
                    w1.grad.zero_()
                    w2.grad.zero_()
            return loss

        return run, "run of 500 iterations"

    params = [torch.from_numpy(w).requires_grad_() for w in weights]
    biases = [torch.from_numpy(b).requires_grad_() if b is not None else None for b in offsets]
    optimizer = torch.optim.SGD(params + [b for b in biases if b is not None], lr=LEARNING_RATE)
    last = len(params) - 1

    def step():
        h = x
        for layer, (w, b) in enumerate(zip(params, biases)):
            h = h.mm(w) if b is None else torch.addmm(b, h, w)
            if layer < last:
                h = h.clamp(min=0)
        loss = (h - t).pow(2).sum()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss

    return step, "training step"


def he_uniform(layer, generator):
    bound = (6.0 / layer.in_features) ** 0.5
    with torch.no_grad():
        layer.weight.uniform_(-bound, bound, generator=generator)
        if layer.bias is not None:
            layer.bias.zero_()


def adam_workload(name):
    generator = torch.Generator().manual_seed(1)
    rng = np.random.RandomState(0)
    if name == "fashion-step":
        sizes, batch, bias, lr, batches = [784, 256, 128, 10], 64, True, 1e-3, 16
        xs = []
        for _ in range(batches):
            u = rng.random_sample((batch, 784))
            xs.append(torch.from_numpy(np.where(u < 0.5, 0.0, rng.random_sample((batch, 784))).astype(np.float32)))
    else:
        sizes, batch, bias, lr, batches = [4096, 4096, 4096, 10], 256, False, 1e-6, 1
        xs = [torch.from_numpy(rng.standard_normal((batch, 4096)).astype(np.float32))]
    labels = [torch.from_numpy(rng.randint(0, 10, batch).astype(np.int64)) for _ in range(batches)]
    layers = []
    for i, (inputs, outputs) in enumerate(zip(sizes, sizes[1:])):
        linear = torch.nn.Linear(inputs, outputs, bias=bias)
        he_uniform(linear, generator)
        layers.append(linear)
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    loss_function = torch.nn.CrossEntropyLoss(reduction="sum")
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8)
    state = {"next": 0}

    def step():
        b = state["next"] % batches
        state["next"] += 1
        optimizer.zero_grad(set_to_none=True)
        loss = loss_function(model(xs[b]), labels[b])
        loss.backward()
        optimizer.step()
        return loss

    return step, "training step"


def measure(name, repeats, minimum_seconds):
    once, unit = adam_workload(name) if name in ("fashion-step", "adam-4096") else sgd_workload(name)
    if unit.startswith("run"):
        once()
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            once()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples), unit
    once()
    start = time.perf_counter()
    steps = 0
    while time.perf_counter() - start < minimum_seconds / 10 or steps < 3:
        once()
        steps += 1
    per_step = (time.perf_counter() - start) / steps
    steps = max(1, int(minimum_seconds / per_step))
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(steps):
            once()
        samples.append((time.perf_counter() - start) / steps)
    return statistics.median(samples), unit


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=1, help="torch and BLAS threads (default 1)")
    parser.add_argument("--json", help="write the medians to this file")
    parser.add_argument("--peak", help="bench/peak's --json file, for GFLOP/s as a share of the FMA peak")
    parser.add_argument("--repeats", type=int, default=15, help="samples per workload (median reported)")
    parser.add_argument("--seconds", type=float, default=0.1, help="minimum length of one sample of a training-step workload")
    parser.add_argument("workloads", nargs="*", default=WORKLOADS, help="workload names (default: all)")
    arguments = parser.parse_args()

    torch.set_num_threads(arguments.threads)
    peak = peers.load_peak(arguments.peak)
    results = {"torch": torch.__version__, "threads": arguments.threads, "median_seconds": {}}
    with threadpool_limits(limits=arguments.threads, user_api="blas"):
        blas = peers.blas_info()
        results["blas"] = blas
        results["torch_threads"] = torch.get_num_threads()
        print(f"PyTorch {torch.__version__}, torch.get_num_threads() = {torch.get_num_threads()}; BLAS: {peers.describe_blas(blas)}; "
              f"load average {peers.load_average()}")
        for note in peers.environment_notes():
            print(note)
        for name in arguments.workloads:
            if name not in WORKLOADS:
                parser.error(f"unknown workload {name}; known: {', '.join(WORKLOADS)}")
            median, unit = measure(name, arguments.repeats, arguments.seconds)
            results["median_seconds"][name] = median
            flops, single = peers.WORK[name]
            print(f"  {name:22s} {median * 1e3:12.4f} ms per {unit:22s} {peers.describe_rate(flops, median, single, arguments.threads, peak)}", flush=True)
    results["load_average_after"] = peers.load_average()
    if arguments.json:
        with open(arguments.json, "w") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
