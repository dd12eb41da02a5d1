"""What the peer scripts (numpy_bench.py, torch_bench.py, fashion_numpy.py, fashion_torch.py) and compare.py share:
the BLAS each peer runs on, the floating-point operations of a workload, and the FMA peak they are compared with.

Fair peers: the environment of this machine may set OPENBLAS_CORETYPE (and OPENBLAS_L2_SIZE), which force OpenBLAS
onto one kernel whatever the processor. The benchmark scripts run the peers with both unset, in that command alone
(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE), so that OpenBLAS picks its own kernel, and every peer prints the
kernel it runs (threadpoolctl) so that a reader can check.
"""
import json
import os

# Counted as NetGen.Benchmarks/PeakShare.cs counts them: 2 per multiply-add of the matrix products, forward and weight
# gradient for every Dense layer, input gradient for every layer but the first.


def train_step_flops(batch, sizes):
    flops = 0.0
    for layer, (inputs, outputs) in enumerate(zip(sizes, sizes[1:])):
        product = 2.0 * batch * inputs * outputs
        flops += 2 * product if layer == 0 else 3 * product
    return flops


# name: (floating-point operations of one timed operation, float32?); the names are NetGen.Benchmarks' workloads
# (a two-thread NetGen workload carries a -1-thread or -2-threads suffix the peers' names do not).
WORK = {
    "q7": (500 * train_step_flops(64, [1000, 100, 10]), False),
    "mlp-784-256-128-10": (train_step_flops(64, [784, 256, 128, 10]), False),
    "tiny-20-16-3": (train_step_flops(8, [20, 16, 3]), False),
    "scale-x1": (train_step_flops(64, [1000, 100, 10]), False),
    "scale-batch-x4": (train_step_flops(256, [1000, 100, 10]), False),
    "scale-batch-x16": (train_step_flops(1024, [1000, 100, 10]), False),
    "scale-inputs-x4": (train_step_flops(64, [4000, 100, 10]), False),
    "scale-inputs-x16": (train_step_flops(64, [16000, 100, 10]), False),
    "scale-hidden-x4": (train_step_flops(64, [1000, 400, 10]), False),
    "scale-hidden-x16": (train_step_flops(64, [1000, 1600, 10]), False),
    "fashion-step": (train_step_flops(64, [784, 256, 128, 10]), True),
    "adam-4096": (train_step_flops(256, [4096, 4096, 4096, 10]), True),
}

# The workloads each peer script knows.
PEER_WORKLOADS = {
    "numpy": [name for name in WORK if name not in ("fashion-step", "adam-4096")],
    "torch": list(WORK),
}

# One epoch of Fashion-MNIST's 60,000 training images through 784-256-128-10 (the short last batch included).
FASHION_EPOCH_FLOPS = train_step_flops(60000, [784, 256, 128, 10])


def peer_name(workload):
    """The peers' name of a NetGen workload: fashion-step-2-threads → fashion-step."""
    for suffix in ("-1-thread", "-2-threads"):
        if workload.endswith(suffix):
            return workload[: -len(suffix)]
    return workload


def load_peak(path=None):
    """bench/peak's figures (GFLOP/s per core), from its --json file or from NETGEN_PEAK_DOUBLE / NETGEN_PEAK_FLOAT."""
    if path and os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    d, f = os.environ.get("NETGEN_PEAK_DOUBLE"), os.environ.get("NETGEN_PEAK_FLOAT")
    if d and f:
        return {"double": float(d), "float": float(f), "isa": "from the environment"}
    return None


def share_of_peak(flops, seconds, single, threads, peak):
    """(GFLOP/s, fraction of the peak of `threads` cores at this precision); the fraction is None without a peak."""
    gflops = flops / seconds / 1e9
    if not peak:
        return gflops, None
    return gflops, gflops / (threads * peak["float" if single else "double"])


def describe_rate(flops, seconds, single, threads, peak):
    gflops, share = share_of_peak(flops, seconds, single, threads, peak)
    return f"{gflops:7.1f} GFLOP/s" + (f" {share:6.1%} of {threads}-core peak" if share is not None else "")


def blas_info():
    """The BLAS and OpenMP libraries loaded in this process, as threadpoolctl sees them."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return [{"internal_api": "unknown", "architecture": "threadpoolctl missing (apt-get install python3-threadpoolctl)"}]
    return [{k: i.get(k) for k in ("user_api", "internal_api", "version", "architecture", "num_threads", "threading_layer", "filepath")}
            for i in threadpool_info()]


def describe_blas(info):
    parts = []
    for i in info:
        if i.get("user_api") == "blas" or i.get("internal_api") == "openblas":
            parts.append(f"{i.get('internal_api')} {i.get('version') or ''} kernel {i.get('architecture')}, "
                         f"{i.get('num_threads')} thread(s) ({i.get('threading_layer')})".replace("  ", " "))
        elif i.get("user_api") == "openmp":
            parts.append(f"{i.get('internal_api')} {i.get('num_threads')} thread(s)")
        else:
            parts.append(str(i.get("architecture")))
    if not any(i.get("user_api") == "blas" for i in info):
        parts.append("no optimized BLAS found (apt-get install libopenblas0-pthread)")
    return "; ".join(parts)


def environment_notes():
    """Lines to print when the OpenBLAS variables that force a kernel are set in this process."""
    forced = [f"{name}={os.environ[name]}" for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if name in os.environ]
    if not forced:
        return []
    return [f"note: {' '.join(forced)} is set, so OpenBLAS runs the kernel named there, not its own choice; "
            "run with env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE to let it choose"]


def load_average():
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"
