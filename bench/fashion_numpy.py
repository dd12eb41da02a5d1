"""Fashion-MNIST 784-256-128-10 ReLU classifier, Adam (lr 1e-3), batch 64, float32, written plainly in NumPy.

The same network, optimizer, initialization (He uniform, zero biases), loss (softmax cross-entropy summed over the
batch) and batching (shuffled, last batch short) as `NetGen.Sample fashion`, for timing side by side. Prints the kernel OpenBLAS
runs and its threads (threadpoolctl); run it with the OpenBLAS variables that force a kernel unset:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/fashion_numpy.py [--epochs 10] [--threads 1|2]
      [--data /usr/share/datasets/fashion-mnist] [--peak peak.json]
"""
import argparse
import gzip
import os
import time

import numpy as np
from threadpoolctl import threadpool_limits

import peers


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(directory, part):
    images = read_idx(os.path.join(directory, f"{part}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(directory, f"{part}-labels-idx1-ubyte.gz"))
    return images.reshape(len(images), -1).astype(np.float32) / 255, labels.astype(np.int64)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, help="BLAS threads (default: OpenBLAS's own, every core)")
    parser.add_argument("--peak", help="bench/peak's --json file, for GFLOP/s as a share of the FMA peak")
    args = parser.parse_args()
    if args.threads:
        with threadpool_limits(limits=args.threads, user_api="blas"):
            train(args)
    else:
        train(args)


def train(args):
    blas = peers.blas_info()
    threads = next((i["num_threads"] for i in blas if i.get("user_api") == "blas"), 1)
    print(f"NumPy {np.__version__}; BLAS: {peers.describe_blas(blas)}; load average {peers.load_average()}", flush=True)
    for note in peers.environment_notes():
        print(note)

    x_train, y_train = load(args.data, "train")
    x_test, y_test = load(args.data, "t10k")
    rng = np.random.default_rng(args.seed)
    sizes = [784, 256, 128, 10]
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        bound = np.sqrt(6.0 / fan_in)
        params.append(rng.uniform(-bound, bound, (fan_in, fan_out)).astype(np.float32))
        params.append(np.zeros(fan_out, dtype=np.float32))
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    step = 0
    batch = 64
    total_train = 0.0
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = rng.permutation(len(x_train))
        loss_sum = 0.0
        for b in range(0, len(order), batch):
            idx = order[b:b + batch]
            x, y = x_train[idx], y_train[idx]
            w1, b1, w2, b2, w3, b3 = params
            h1 = x @ w1 + b1
            a1 = np.maximum(h1, 0)
            h2 = a1 @ w2 + b2
            a2 = np.maximum(h2, 0)
            logits = a2 @ w3 + b3
            shifted = logits - logits.max(axis=1, keepdims=True)
            exp = np.exp(shifted)
            sums = exp.sum(axis=1, keepdims=True)
            rows = np.arange(len(y))
            loss_sum += float(-(shifted[rows, y] - np.log(sums[:, 0])).sum())
            d3 = exp / sums
            d3[rows, y] -= 1
            g_w3 = a2.T @ d3
            g_b3 = d3.sum(axis=0)
            d2 = (d3 @ w3.T) * (h2 > 0)
            g_w2 = a1.T @ d2
            g_b2 = d2.sum(axis=0)
            d1 = (d2 @ w2.T) * (h1 > 0)
            g_w1 = x.T @ d1
            g_b1 = d1.sum(axis=0)
            grads = [g_w1, g_b1, g_w2, g_b2, g_w3, g_b3]
            step += 1
            step_size = args.lr / (1 - beta1 ** step)
            correction2_sqrt = np.sqrt(1 - beta2 ** step)
            for p, g, mi, vi in zip(params, grads, m, v):
                mi += (1 - beta1) * (g - mi)
                vi *= beta2
                vi += (1 - beta2) * (g * g)
                p -= step_size * mi / (np.sqrt(vi) / correction2_sqrt + eps)
        train_seconds = time.perf_counter() - start
        total_train += train_seconds
        correct = 0
        for b in range(0, len(x_test), batch):
            x = x_test[b:b + batch]
            h = np.maximum(x @ params[0] + params[1], 0)
            h = np.maximum(h @ params[2] + params[3], 0)
            correct += int((np.argmax(h @ params[4] + params[5], axis=1) == y_test[b:b + batch]).sum())
        print(f"epoch {epoch:2d}  loss {loss_sum / len(x_train):.4f}  test accuracy {correct / len(x_test):.4f}  train {train_seconds:.2f} s", flush=True)
    rate = peers.describe_rate(args.epochs * peers.FASHION_EPOCH_FLOPS, total_train, True, threads, peers.load_peak(args.peak))
    print(f"numpy: training took {total_train:.2f} s ({total_train / args.epochs:.2f} s per epoch), NumPy {np.__version__}, "
          f"{threads} BLAS thread(s); {rate.strip()} over the training time")


if __name__ == "__main__":
    main()
