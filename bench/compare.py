#!/usr/bin/env python3
"""Prints NetGen's BenchmarkDotNet medians beside NumPy's (bench/numpy_bench.py) and their ratios.

    python3 bench/compare.py bench/results
"""
import glob
import json
import os
import platform
import sys


def netgen_medians(directory):
    """Median seconds and allocated bytes per operation, by workload name, from BenchmarkDotNet's JSON reports."""
    medians = {}
    for path in glob.glob(os.path.join(directory, "BenchmarkDotNet", "results", "*-report-full-compressed.json")) + \
            glob.glob(os.path.join(directory, "BenchmarkDotNet", "results", "*-report-full.json")):
        with open(path) as report:
            data = json.load(report)
        for benchmark in data["Benchmarks"]:
            parameters = benchmark.get("Parameters") or ""
            workload = "q7" if benchmark["Type"] == "Question7Benchmark" else parameters.split("Workload=")[-1].split("&")[0]
            memory = benchmark.get("Memory") or {}
            medians[workload] = (benchmark["Statistics"]["Median"] / 1e9, memory.get("BytesAllocatedPerOperation"))
    return medians


def numpy_medians(path):
    if not os.path.exists(path):
        return {}
    with open(path) as results:
        return json.load(results)["median_seconds"]


def milliseconds(seconds):
    return "-" if seconds is None else f"{seconds * 1e3:.4f}"


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "bench/results"
    netgen = netgen_medians(directory)
    one = numpy_medians(os.path.join(directory, "numpy-1thread.json"))
    two = numpy_medians(os.path.join(directory, "numpy-2threads.json"))
    print(f"\nMachine: {platform.processor() or platform.machine()}, {os.cpu_count()} logical CPUs; medians in ms "
          "(q7: the whole 500-iteration run; others: one training step)")
    header = f"{'workload':22s} {'NetGen 1 thread':>16s} {'alloc B/op':>10s} {'NumPy 1 thread':>15s} {'ratio':>7s} {'NumPy 2 threads':>16s} {'ratio':>7s}"
    print(header)
    print("-" * len(header))
    for workload in sorted(set(netgen) | set(one), key=lambda w: (w != "q7", not w.startswith(("mlp", "tiny")), w)):
        ours, allocated = netgen.get(workload, (None, None))
        theirs1, theirs2 = one.get(workload), two.get(workload)
        ratio1 = f"{ours / theirs1:.2f}" if ours and theirs1 else "-"
        ratio2 = f"{ours / theirs2:.2f}" if ours and theirs2 else "-"
        print(f"{workload:22s} {milliseconds(ours):>16s} {'-' if allocated is None else allocated:>10} "
              f"{milliseconds(theirs1):>15s} {ratio1:>7s} {milliseconds(theirs2):>16s} {ratio2:>7s}")
    print("ratio = NetGen / NumPy: below 1 means NetGen is faster.")


if __name__ == "__main__":
    main()
