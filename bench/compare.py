#!/usr/bin/env python3
"""Prints NetGen's BenchmarkDotNet medians beside NumPy's (bench/numpy_bench.py) and PyTorch's (bench/torch_bench.py),
on 1 and 2 threads, with the ratios, and every figure's GFLOP/s and share of the FMA peak bench/peak measured.

    python3 bench/compare.py bench/results
    python3 bench/compare.py --workloads numpy bench/results    # the peer's names of the workloads NetGen ran
"""
import glob
import json
import os
import platform
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402

PEERS = [("numpy-1thread", "NumPy 1t", 1), ("numpy-2threads", "NumPy 2t", 2),
         ("torch-1thread", "Torch 1t", 1), ("torch-2threads", "Torch 2t", 2)]


def netgen_medians(directory):
    """Median seconds and allocated bytes per operation, by workload name, from BenchmarkDotNet's JSON reports."""
    medians = {}
    for path in glob.glob(os.path.join(directory, "BenchmarkDotNet", "results", "*-report-full-compressed.json")) + \
            glob.glob(os.path.join(directory, "BenchmarkDotNet", "results", "*-report-full.json")):
        with open(path) as report:
            data = json.load(report)
        for benchmark in data["Benchmarks"]:
            # The full name carries the parameter whole ("Parameters" shortens long values for display).
            parameter = re.search(r'Workload: "([^"]+)"', benchmark.get("FullName") or "")
            if benchmark["Type"] == "Question7Benchmark":
                workload = "q7"
            elif parameter:
                workload = parameter.group(1)
            else:
                continue
            statistics = benchmark.get("Statistics")
            if not statistics:
                continue
            memory = benchmark.get("Memory") or {}
            medians[workload] = (statistics["Median"] / 1e9, memory.get("BytesAllocatedPerOperation"))
    return medians


def processor():
    """The CPU's model name and family as /proc/cpuinfo gives them (platform.processor() is empty on Linux)."""
    fields = {}
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                key, _, value = line.partition(":")
                fields.setdefault(key.strip(), value.strip())
    except OSError:
        return platform.machine()
    return f"{fields.get('model name', platform.machine())} (family {fields.get('cpu family', '?')}, model {fields.get('model', '?')})"


def peer_results(path):
    if not os.path.exists(path):
        return None
    with open(path) as results:
        return json.load(results)


def netgen_threads(workload):
    return 2 if workload.endswith("-2-threads") else 1


def milliseconds(seconds):
    return "-" if seconds is None else f"{seconds * 1e3:.4f}"


def main():
    arguments = sys.argv[1:]
    if arguments[:1] == ["--workloads"]:
        peer, directory = arguments[1], arguments[2] if len(arguments) > 2 else "bench/results"
        known = peers.PEER_WORKLOADS[peer]
        names = sorted({peers.peer_name(w) for w in netgen_medians(directory)} & set(known), key=known.index)
        print(" ".join(names))
        return
    directory = arguments[0] if arguments else "bench/results"
    netgen = netgen_medians(directory)
    peak = peers.load_peak(os.path.join(directory, "peak.json"))
    results = {key: peer_results(os.path.join(directory, key + ".json")) for key, _, _ in PEERS}
    present = [(key, label, threads) for key, label, threads in PEERS if results[key]]

    print(f"\nMachine: {processor()}, {os.cpu_count()} logical CPUs")
    if peak:
        print(f"FMA peak per core (bench/peak, {peak.get('isa')}): double {peak['double']:.1f} GFLOP/s, float {peak['float']:.1f} GFLOP/s"
              + (f"; both cores at once: double {peak['double_all_cores_per_core']:.1f}, float {peak['float_all_cores_per_core']:.1f} per core"
                 if "double_all_cores_per_core" in peak else ""))
    for key, label, _ in present:
        r = results[key]
        version = f"NumPy {r['numpy']}" if "numpy" in r else f"PyTorch {r['torch']}, torch threads {r.get('torch_threads')}"
        print(f"{label}: {version}; BLAS: {peers.describe_blas(r.get('blas', []))}; load average after: {r.get('load_average_after', '?')}")
        if any(i.get("user_api") == "blas" and i.get("architecture") == "Haswell" for i in r.get("blas", [])):
            print(f"  note: {label} ran OpenBLAS's Haswell kernel: was OPENBLAS_CORETYPE set for it?")

    order = list(peers.WORK)
    workloads = sorted(netgen, key=lambda w: (order.index(peers.peer_name(w)) if peers.peer_name(w) in order else len(order), w))
    # Workloads only a peer ran, after NetGen's.
    peer_only = set()
    for key, _, _ in present:
        peer_only |= set(results[key]["median_seconds"])
    peer_only -= {peers.peer_name(w) for w in netgen}
    workloads += sorted(peer_only, key=lambda w: order.index(w) if w in order else len(order))

    print("\nMedians in ms (q7: the whole 500-iteration run; others: one training step); ratio = NetGen / peer, below 1 "
          "means NetGen is faster")
    header = f"{'workload':24s} {'NetGen':>11s} {'alloc B':>8s}" + "".join(f" {label:>10s} {'ratio':>6s}" for _, label, _ in present)
    print(header)
    print("-" * len(header))
    for workload in workloads:
        ours, allocated = netgen.get(workload, (None, None))
        line = f"{workload:24s} {milliseconds(ours):>11s} {'-' if allocated is None else allocated:>8}"
        for key, _, _ in present:
            theirs = results[key]["median_seconds"].get(peers.peer_name(workload))
            ratio = f"{ours / theirs:.2f}" if ours and theirs else "-"
            line += f" {milliseconds(theirs):>10s} {ratio:>6s}"
        print(line)

    print("\nGFLOP/s (2 per multiply-add of the matrix products) and share of the FMA peak of the cores each uses "
          "(n threads: n cores' peak)")
    header = f"{'workload':24s} {'NetGen':>15s}" + "".join(f" {label:>15s}" for _, label, _ in present)
    print(header)
    print("-" * len(header))

    def rate(workload, seconds, threads):
        name = peers.peer_name(workload)
        if seconds is None or name not in peers.WORK:
            return "-"
        flops, single = peers.WORK[name]
        gflops, share = peers.share_of_peak(flops, seconds, single, threads, peak)
        return f"{gflops:.1f}" + (f" {share:5.1%}" if share is not None else "")

    for workload in workloads:
        ours, _ = netgen.get(workload, (None, None))
        line = f"{workload:24s} {rate(workload, ours, netgen_threads(workload)):>15s}"
        for key, _, threads in present:
            line += f" {rate(workload, results[key]['median_seconds'].get(peers.peer_name(workload)), threads):>15s}"
        print(line)


if __name__ == "__main__":
    main()
