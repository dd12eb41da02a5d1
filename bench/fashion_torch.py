"""Fashion-MNIST 784-256-128-10 ReLU classifier, Adam (lr 1e-3), batch 64, float32, written as PyTorch is written.

The same data (fashion_numpy.py's loading), initial weights (He uniform from the same np.random.default_rng(seed)
draws as fashion_numpy.py, zero biases), loss (softmax cross-entropy summed over the batch), optimizer
(torch.optim.Adam, beta 0.9/0.999, eps 1e-8) and batching (the same shuffles, last batch short) as
`NetGen.Sample fashion` and fashion_numpy.py, for timing side by side: nn.Sequential of nn.Linear and nn.ReLU,
nn.CrossEntropyLoss(reduction="sum"), autograd.

--threads N sets torch.set_num_threads(N) and the BLAS's threads (threadpoolctl): Debian's PyTorch does its matrix
products in the system BLAS (OpenBLAS). Prints the kernel OpenBLAS runs and both thread counts; run it with the
OpenBLAS variables that force a kernel unset:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/fashion_torch.py [--epochs 10] [--threads 1|2]
      [--data /usr/share/datasets/fashion-mnist] [--peak peak.json]
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
from threadpoolctl import threadpool_limits

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402
from fashion_numpy import load  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1, help="torch and BLAS threads (default 1)")
    parser.add_argument("--peak", help="bench/peak's --json file, for GFLOP/s as a share of the FMA peak")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    with threadpool_limits(limits=args.threads, user_api="blas"):
        train(args)


def train(args):
    blas = peers.blas_info()
    print(f"PyTorch {torch.__version__}, torch.get_num_threads() = {torch.get_num_threads()}; BLAS: {peers.describe_blas(blas)}; "
          f"load average {peers.load_average()}", flush=True)
    for note in peers.environment_notes():
        print(note)

    x_train, y_train = load(args.data, "train")
    x_test, y_test = load(args.data, "t10k")
    x_train, y_train = torch.from_numpy(x_train), torch.from_numpy(y_train)
    x_test, y_test = torch.from_numpy(x_test), torch.from_numpy(y_test)
    rng = np.random.default_rng(args.seed)
    sizes = [784, 256, 128, 10]
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        bound = np.sqrt(6.0 / fan_in)
        linear = torch.nn.Linear(fan_in, fan_out)
        with torch.no_grad():
            # fashion_numpy.py's (fan_in, fan_out) matrix, in nn.Linear's (out, in) layout.
            linear.weight.copy_(torch.from_numpy(rng.uniform(-bound, bound, (fan_in, fan_out)).astype(np.float32).T))
            linear.bias.zero_()
        layers.append(linear)
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    loss_function = torch.nn.CrossEntropyLoss(reduction="sum")
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
    batch = 64
    total_train = 0.0
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = torch.from_numpy(rng.permutation(len(x_train)))
        loss_sum = 0.0
        model.train()
        for b in range(0, len(order), batch):
            idx = order[b:b + batch]
            x, y = x_train[idx], y_train[idx]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_function(model(x), y)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
        train_seconds = time.perf_counter() - start
        total_train += train_seconds
        model.eval()
        correct = 0
        with torch.no_grad():
            for b in range(0, len(x_test), batch):
                correct += int((model(x_test[b:b + batch]).argmax(dim=1) == y_test[b:b + batch]).sum())
        print(f"epoch {epoch:2d}  loss {loss_sum / len(x_train):.4f}  test accuracy {correct / len(x_test):.4f}  train {train_seconds:.2f} s", flush=True)
    rate = peers.describe_rate(args.epochs * peers.FASHION_EPOCH_FLOPS, total_train, True, args.threads, peers.load_peak(args.peak))
    print(f"torch: training took {total_train:.2f} s ({total_train / args.epochs:.2f} s per epoch), PyTorch {torch.__version__}, "
          f"{torch.get_num_threads()} thread(s); {rate.strip()} over the training time")


if __name__ == "__main__":
    main()
