"""Trains the sample's Fashion-MNIST network in PyTorch for a short while and exports it as ONNX.

The network is the one `fashion` trains, 784-256-128-10 with ReLU and biases (or 784-512-256-10 with --network wide),
in float32; the pixels are scaled to [0, 1] as NetGen's dataset reader does. The script prints PyTorch's test accuracy;
NetGen's, from the exported file, should match it:

    /usr/bin/python3 NetGen.Sample/scripts/train_fashion_onnx.py --epochs 1 --out fashion.onnx
    dotnet run --project NetGen.Sample -c Release -- fashion-onnx fashion.onnx

Needs Debian's python3-torch, python3-numpy and python3-onnx, and dataset-fashion-mnist (or --data DIR).
"""

import argparse
import gzip
import os
import struct

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, dims = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path} is not an IDX file of unsigned bytes")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(directory, prefix):
    def find(name):
        for candidate in (name + ".gz", name):
            path = os.path.join(directory, candidate)
            if os.path.exists(path):
                return path
        raise FileNotFoundError(f"{name}(.gz) is not in {directory}; apt-get install dataset-fashion-mnist, or pass --data")

    images = read_idx(find(f"{prefix}-images-idx3-ubyte"))
    labels = read_idx(find(f"{prefix}-labels-idx1-ubyte"))
    x = images.reshape(len(images), -1).astype(np.float32) / 255
    return torch.from_numpy(x), torch.from_numpy(labels.astype(np.int64))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--network", choices=["standard", "wide"], default="standard")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--train-images", type=int, default=None, help="train on only the first N images")
    parser.add_argument("--opset", type=int, default=13)
    parser.add_argument("--out", default="fashion.onnx")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    hidden = (256, 128) if args.network == "standard" else (512, 256)
    model = nn.Sequential(
        nn.Linear(784, hidden[0]), nn.ReLU(),
        nn.Linear(hidden[0], hidden[1]), nn.ReLU(),
        nn.Linear(hidden[1], 10))

    x_train, y_train = load(args.data, "train")
    x_test, y_test = load(args.data, "t10k")
    if args.train_images:
        x_train, y_train = x_train[:args.train_images], y_train[:args.train_images]

    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_function = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(args.seed)
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(x_train), generator=generator)
        total = 0.0
        for start in range(0, len(order), 64):
            batch = order[start:start + 64]
            optimizer.zero_grad()
            loss = loss_function(model(x_train[batch]), y_train[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        model.eval()
        with torch.no_grad():
            accuracy = (model(x_test).argmax(dim=1) == y_test).float().mean().item()
        print(f"epoch {epoch}  loss {total / len(x_train):.4f}  test accuracy {accuracy:.4f} (PyTorch)")

    model.eval()
    torch.onnx.export(
        model, x_test[:1], args.out, opset_version=args.opset,
        input_names=["input"], output_names=["logits"], dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})
    print(f"exported {args.out} (opset {args.opset}); run it in NetGen with: fashion-onnx {args.out}"
          + ("" if args.network == "standard" else " --network wide"))


if __name__ == "__main__":
    main()
