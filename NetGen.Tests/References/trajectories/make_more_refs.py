#!/usr/bin/python3
"""More NumPy reference trajectories, for seeds, learning rates and iteration counts other than the assignment's.
Uses the functions of make_refs.py beside this file. Usage: make_more_refs.py OUTDIR"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_refs

CASES = {
    # name: (question, rng kind, seed, lr, iterations)
    "q7-legacy-seed1-lr5e-7-iters200": (7, "legacy", 1, 5e-7, 200),
    "q7-pcg64-seed42-lr2e-6-iters100": (7, "pcg64", 42, 2e-6, 100),
    "q8-legacy-seed7-lr3e-6-iters150": (8, "legacy", 7, 3e-6, 150),
    "q8-pcg64-seed12345-lr1e-5-iters60": (8, "pcg64", 12345, 1e-5, 60),
}

if __name__ == "__main__":
    outdir = sys.argv[1]; os.makedirs(outdir, exist_ok=True)
    for name, (q, kind, seed, lr, iters) in CASES.items():
        x, t, w1, w2 = make_refs.init(kind, seed, q)
        lines = (make_refs.q7 if q == 7 else make_refs.q8)(x, t, w1, w2, lr, iters)
        open(os.path.join(outdir, name + ".txt"), "w").write("\n".join(lines) + "\n")
        print(name, lines[0], lines[-1])
