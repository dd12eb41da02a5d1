#!/usr/bin/env python3
"""The NetGen.Benchmarks workloads in NumPy, for a side-by-side comparison.

Each workload draws x, t and then every weight and bias, in layer order, with np.random.seed(0) and randn, as
NetGen.Benchmarks/Workloads.cs does, and trains with plain SGD at lr = 1e-6 on the squared error summed over the
batch. Question 7 keeps the assignment's unscaled weights; every other workload divides each weight matrix by
sqrt(its inputs), so that training neither diverges nor turns into arithmetic on infinities while it is timed. Question 7 ("q7") is timed as the assignment's whole run (500 iterations, its own code); every other workload
as one training step. Set OPENBLAS_NUM_THREADS before running to choose the BLAS threads. The script prints the
kernel OpenBLAS runs and its threads (threadpoolctl), and each workload's GFLOP/s (2 per multiply-add of the matrix
products) with, given bench/peak's figures (--peak), its share of the FMA peak. Run it with the OpenBLAS variables
that force a kernel unset, so that OpenBLAS chooses its own:

    OPENBLAS_NUM_THREADS=1 env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/numpy_bench.py --json numpy-1thread.json
"""
import argparse
import json
import os
import statistics
import time

import numpy as np

import peers

# name: (batch, layer sizes, biases)
WORKLOADS = {
    "q7": (64, [1000, 100, 10], False),
    "mlp-784-256-128-10": (64, [784, 256, 128, 10], True),
    "tiny-20-16-3": (8, [20, 16, 3], True),
    "scale-x1": (64, [1000, 100, 10], False),
    "scale-batch-x4": (256, [1000, 100, 10], False),
    "scale-batch-x16": (1024, [1000, 100, 10], False),
    "scale-inputs-x4": (64, [4000, 100, 10], False),
    "scale-inputs-x16": (64, [16000, 100, 10], False),
    "scale-hidden-x4": (64, [1000, 400, 10], False),
    "scale-hidden-x16": (64, [1000, 1600, 10], False),
}

LEARNING_RATE = 1e-6


def draw(name):
    batch, sizes, biases = WORKLOADS[name]
    np.random.seed(0)
    x = np.random.randn(batch, sizes[0])
    t = np.random.randn(batch, sizes[-1])
    weights, offsets = [], []
    for inputs, outputs in zip(sizes, sizes[1:]):
        scale = 1.0 if name == "q7" else 1.0 / np.sqrt(inputs)
        weights.append(np.random.randn(inputs, outputs) * scale)
        offsets.append(np.random.randn(outputs) if biases else None)
    return x, t, weights, offsets


def question7_run(x, y, w1, w2, iterations=500, learning_rate=LEARNING_RATE):
    """The assignment's question 7 loop, as written there."""
    for _ in range(iterations):
        h = x.dot(w1)
        h_relu = np.maximum(h, 0)
        y_pred = h_relu.dot(w2)
        loss = np.square(y_pred - y).sum()
        grad_y_pred = 2.0 * (y_pred - y)
        grad_w2 = h_relu.T.dot(grad_y_pred)
        grad_h_relu = grad_y_pred.dot(w2.T)
        grad_h = grad_h_relu.copy()
        grad_h[h < 0] = 0
        grad_w1 = x.T.dot(grad_h)
        w1 -= learning_rate * grad_w1
        w2 -= learning_rate * grad_w2
    return loss


def train_step(x, t, weights, offsets, learning_rate=LEARNING_RATE):
    """One step of the same computation for any number of Dense layers with ReLU between them."""
    inputs, preactivations = [x], []
    h = x
    last = len(weights) - 1
    for layer, (w, b) in enumerate(zip(weights, offsets)):
        y = h.dot(w)
        if b is not None:
            y += b
        if layer < last:
            preactivations.append(y)
            h = np.maximum(y, 0)
            inputs.append(h)
    loss = np.square(y - t).sum()
    dy = 2.0 * (y - t)
    gradients = [None] * len(weights)
    for layer in range(last, -1, -1):
        w, b = weights[layer], offsets[layer]
        gradients[layer] = (inputs[layer].T.dot(dy), dy.sum(axis=0) if b is not None else None)
        if layer > 0:
            dy = dy.dot(w.T)
            dy[preactivations[layer - 1] <= 0] = 0
    for (w, b), (gw, gb) in zip(zip(weights, offsets), gradients):
        w -= learning_rate * gw
        if b is not None:
            b -= learning_rate * gb
    return loss


def measure(name, repeats, minimum_seconds):
    x, t, weights, offsets = draw(name)
    if name == "q7":
        initial = [w.copy() for w in weights]

        def once():
            # A fresh run from the same weights, as the C# benchmark resets them.
            for w, w0 in zip(weights, initial):
                w[...] = w0
            question7_run(x, t, weights[0], weights[1])

        once()
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            once()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples), "run of 500 iterations"

    train_step(x, t, weights, offsets)
    # Steps per sample: enough for the sample to last minimum_seconds.
    start = time.perf_counter()
    steps = 0
    while time.perf_counter() - start < minimum_seconds / 10 or steps < 3:
        train_step(x, t, weights, offsets)
        steps += 1
    per_step = (time.perf_counter() - start) / steps
    steps = max(1, int(minimum_seconds / per_step))
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(steps):
            train_step(x, t, weights, offsets)
        samples.append((time.perf_counter() - start) / steps)
    return statistics.median(samples), "training step"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="write the medians to this file")
    parser.add_argument("--peak", help="bench/peak's --json file, for GFLOP/s as a share of the FMA peak")
    parser.add_argument("--repeats", type=int, default=15, help="samples per workload (median reported)")
    parser.add_argument("--seconds", type=float, default=0.1, help="minimum length of one sample of a training-step workload")
    parser.add_argument("workloads", nargs="*", default=list(WORKLOADS), help="workload names (default: all)")
    arguments = parser.parse_args()

    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    blas = peers.blas_info()
    blas_threads = next((i["num_threads"] for i in blas if i.get("user_api") == "blas"), 1)
    peak = peers.load_peak(arguments.peak)
    results = {"numpy": np.__version__, "openblas_threads": threads, "threads": blas_threads, "blas": blas, "median_seconds": {}}
    print(f"NumPy {np.__version__}, OPENBLAS_NUM_THREADS={threads}; BLAS: {peers.describe_blas(blas)}; load average {peers.load_average()}")
    for note in peers.environment_notes():
        print(note)
    for name in arguments.workloads:
        median, unit = measure(name, arguments.repeats, arguments.seconds)
        results["median_seconds"][name] = median
        flops, single = peers.WORK[name]
        print(f"  {name:22s} {median * 1e3:12.4f} ms per {unit:22s} {peers.describe_rate(flops, median, single, blas_threads, peak)}", flush=True)
    results["load_average_after"] = peers.load_average()
    if arguments.json:
        with open(arguments.json, "w") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
