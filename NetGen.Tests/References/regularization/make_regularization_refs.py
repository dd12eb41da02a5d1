#!/usr/bin/python3
"""PyTorch references for NetGen's regularizers: weight-decayed SGD, momentum and AdamW trajectories, the mean-reduced
losses and their gradients, and dropout's scaling and mask statistics.

Usage: make_regularization_refs.py [OUTDIR]   (default: the directory of this script)
Needs torch 1.13 (Debian: apt-get install python3-torch) and NumPy; everything is float64 on the CPU.
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(OUT, exist_ok=True)

# The network of the trajectories: 8 examples, 20 inputs, 16 hidden ReLU units, 4 outputs, biases on both layers.
# NetGen stores W row-major as (inputs, outputs) and computes Y = X · W + b, so the weights here are used as x @ w.
B, I, H, O = 8, 20, 16, 4
rng = np.random.default_rng(2026)
x = rng.standard_normal((B, I))
t = rng.standard_normal((B, O))
labels = rng.integers(0, O, B).astype(np.int32)
w1 = 0.3 * rng.standard_normal((I, H))
b1 = 0.1 * rng.standard_normal(H)
w2 = 0.3 * rng.standard_normal((H, O))
b2 = 0.1 * rng.standard_normal(O)
for name, value in (("x", x), ("t", t), ("labels", labels), ("W1", w1), ("B1", b1), ("W2", w2), ("B2", b2)):
    np.save(os.path.join(OUT, f"initial-{name}.npy"), value)


def parameters():
    return [torch.tensor(a, requires_grad=True) for a in (w1, b1, w2, b2)]


def forward(params, xs):
    p1, q1, p2, q2 = params
    return torch.relu(xs @ p1 + q1) @ p2 + q2


def loss_of(kind, reduction, y, rows):
    if kind == "se":
        return F.mse_loss(y, torch.tensor(t[:rows]), reduction=reduction)
    return F.cross_entropy(y, torch.tensor(labels[:rows], dtype=torch.int64), reduction=reduction)


def save_params(prefix, params):
    for name, p in zip(("W1", "B1", "W2", "B2"), params):
        np.save(os.path.join(OUT, f"{prefix}-{name}.npy"), p.detach().numpy())


# ---- Trajectories: name -> (optimizer, loss, reduction, learning rate, steps, rows per step) ----
TRAJECTORIES = {
    "sgd-wd": (lambda ps, lr: torch.optim.SGD(ps, lr=lr, weight_decay=0.05), "se", "sum", 1e-3, 30, B),
    "momentum-wd": (lambda ps, lr: torch.optim.SGD(ps, lr=lr, momentum=0.9, weight_decay=0.01), "ce", "mean", 0.05, 30, B),
    "adamw": (lambda ps, lr: torch.optim.AdamW(ps, lr=lr, weight_decay=0.1), "se", "mean", 1e-2, 30, B),
    "adamw-tuned-rows5": (lambda ps, lr: torch.optim.AdamW(ps, lr=lr, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.2),
                          "ce", "mean", 1e-2, 30, 5),
}
for name, (make, kind, reduction, lr, steps, rows) in TRAJECTORIES.items():
    params = parameters()
    optimizer = make(params, lr)
    lines = []
    for i in range(steps):
        optimizer.zero_grad()
        loss = loss_of(kind, reduction, forward(params, torch.tensor(x[:rows])), rows)
        loss.backward()
        optimizer.step()
        lines.append(f"{i} {loss.item()!r}")
    with open(os.path.join(OUT, f"{name}-losses.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    save_params(name, params)

# ---- The mean losses and their gradients at the initial weights, on the whole batch and on its first 5 rows ----
for kind in ("se", "ce"):
    for rows in (B, 5):
        params = parameters()
        loss = loss_of(kind, "mean", forward(params, torch.tensor(x[:rows])), rows)
        loss.backward()
        prefix = f"mean-{kind}-rows{rows}"
        with open(os.path.join(OUT, f"{prefix}-loss.txt"), "w") as f:
            f.write(f"{loss.item()!r}\n")
        for name, p in zip(("W1", "B1", "W2", "B2"), params):
            np.save(os.path.join(OUT, f"{prefix}-grad{name}.npy"), p.grad.numpy())

# ---- Dropout: torch.nn.functional.dropout on a (64, 50) batch, 200 draws per probability ----
DROPOUT_ROWS, DROPOUT_COLUMNS, DRAWS = 64, 50, 200
dx = rng.standard_normal((DROPOUT_ROWS, DROPOUT_COLUMNS))
np.save(os.path.join(OUT, "dropout-x.npy"), dx)
summary = []
for p in (0.2, 0.5):
    torch.manual_seed(0)
    kept_value = np.zeros_like(dx)
    seen = np.zeros(dx.shape, dtype=bool)
    kept = 0
    for _ in range(DRAWS):
        xt = torch.tensor(dx, requires_grad=True)
        y = F.dropout(xt, p=p, training=True)
        g = torch.ones_like(y)
        (y * g).sum().backward()
        out = y.detach().numpy()
        mask = out != 0
        # Every kept value is the same number in every draw: x scaled by 1 / (1 - p) as torch computes it.
        assert np.all(kept_value[mask & seen] == out[mask & seen])
        kept_value[mask] = out[mask]
        seen |= mask
        # The gradient flows through the kept units only, each scaled as in the forward pass.
        grad = xt.grad.numpy()
        assert np.all(grad[~mask] == 0) and np.all(grad[mask] == grad[mask][0])
        kept += int(mask.sum())
    assert seen.all()
    assert np.array_equal(F.dropout(torch.tensor(dx), p=p, training=False).numpy(), dx)
    np.save(os.path.join(OUT, f"dropout-p{p}-kept.npy"), kept_value)
    fraction = kept / (DRAWS * dx.size)
    summary.append(f"{p!r} {DRAWS * dx.size} {kept} {fraction!r} {float(grad[mask][0])!r}")
with open(os.path.join(OUT, "dropout-summary.txt"), "w") as f:
    f.write("# p, draws, kept, kept fraction, gradient of a kept unit (for an output gradient of 1)\n")
    f.write("\n".join(summary) + "\n")

with open(os.path.join(OUT, "versions.txt"), "w") as f:
    f.write(f"torch {torch.__version__}\nnumpy {np.__version__}\n")
