#!/usr/bin/python3
"""scikit-learn's MLPClassifier on the split the NetGen sample's `digits` / `breast-cancer` command used.

Reads the same CSV file the sample reads, takes the train/test row indexes the sample wrote with --save-split,
standardizes with StandardScaler fitted on the training rows, fits MLPClassifier with one hidden layer (64 units for
digits, 32 for breast-cancer; otherwise scikit-learn's defaults: Adam, lr 1e-3, batch 200, L2 alpha 1e-4, up to 200
epochs, stop after 10 without improvement of the training loss) and prints the test accuracy and the fit time.

Usage: bench/tabular_sklearn.py digits|breast-cancer SPLIT_DIR [--seed N]
"""
import argparse
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"


def load(name):
    if name == "digits":
        table = np.loadtxt(f"{DATA}/digits.csv.gz", delimiter=",")
        return table[:, :-1], table[:, -1].astype(int), 64
    table = np.loadtxt(f"{DATA}/breast_cancer.csv", delimiter=",", skiprows=1)
    return table[:, :-1], table[:, -1].astype(int), 32


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset", choices=["digits", "breast-cancer"])
    parser.add_argument("split")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    x, y, hidden = load(args.dataset)
    train = np.load(f"{args.split}/train.npy")
    test = np.load(f"{args.split}/test.npy")
    assert len(np.intersect1d(train, test)) == 0 and len(train) + len(test) == len(y)
    scaler = StandardScaler().fit(x[train])
    x_train, x_test = scaler.transform(x[train]), scaler.transform(x[test])

    model = MLPClassifier(hidden_layer_sizes=(hidden,), random_state=args.seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = time.perf_counter()
        model.fit(x_train, y[train])
        seconds = time.perf_counter() - start
    accuracy = model.score(x_test, y[test])
    print(f"MLPClassifier: {model.n_iter_} epochs")
    print(f"test accuracy {accuracy:.4f}")
    print(f"fit took {seconds:.3f} s")


if __name__ == "__main__":
    main()
