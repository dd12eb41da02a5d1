#!/usr/bin/python3
"""Writes the CSV fixtures and what Python, NumPy, scikit-learn and PyTorch make of them.

Run from this directory with Debian's python3 (numpy 1.24, scikit-learn 1.2, torch 1.13):
    /usr/bin/python3 make_csv_references.py

- quoting.csv: quoted fields with delimiters, doubled quotes and line breaks, CRLF and LF line ends, blank lines,
  empty fields, spaces; quoting.json is what Python's csv.reader returns for it (blank lines, which csv.reader
  returns as [], dropped: NetGen's reader skips them, as numpy.loadtxt does).
- semicolons.csv / semicolons.json: the same with ';' as the delimiter (csv.reader(delimiter=';')).
- numbers.csv (a header, then numbers written in many ways) and numbers.csv.gz (the same, gzip-compressed);
  numbers.npy is numpy.loadtxt(numbers.csv, delimiter=',', skiprows=1) as float64.
- iris.csv: scikit-learn's bundled iris data rewritten with a header and the species names as labels;
  iris_standardized.npy is StandardScaler().fit(x[:100]).transform(x) (fitted on the first 100 rows only).
- schedules.json: the learning rates PyTorch's StepLR, ExponentialLR and CosineAnnealingLR give an SGD optimizer
  epoch after epoch (optimizer.param_groups[0]['lr'] before each epoch's steps).
"""
import csv
import gzip
import json

import numpy as np
import torch
from sklearn.datasets import load_iris
from sklearn.preprocessing import StandardScaler

QUOTING = (
    'name,comment,value\r\n'
    'plain,"with, comma",1\r\n'
    '"quoted ""word""","line one\nline two",2\n'
    '\n'
    'empty,,3\n'
    ' spaced , inner space ,4\r\n'
    '\r\n'
    'unquoted"quote,"",5\n'
    '"crlf inside","a\r\nb",6\n'
    'last,"no newline at the end",7'
)

with open("quoting.csv", "w", newline="", encoding="utf-8") as f:
    f.write(QUOTING)
with open("quoting.csv", newline="", encoding="utf-8") as f:
    rows = [row for row in csv.reader(f) if row]
with open("quoting.json", "w", encoding="utf-8") as f:
    json.dump(rows, f, indent=1, ensure_ascii=False)

with open("semicolons.csv", "w", newline="", encoding="utf-8") as f:
    f.write(QUOTING.replace(",", ";"))
with open("semicolons.csv", newline="", encoding="utf-8") as f:
    rows = [row for row in csv.reader(f, delimiter=";") if row]
with open("semicolons.json", "w", encoding="utf-8") as f:
    json.dump(rows, f, indent=1, ensure_ascii=False)

NUMBERS = (
    "a,b,c,d\n"
    "0,1.5,-2.25,1e3\n"
    "0.1,0.2,0.30000000000000004,1E-7\n"
    " 7 ,+8,-0.0,.5\n"
    "3.141592653589793,2.718281828459045,1.7976931348623157e308,5e-324\n"
    "123456789012345678,0.000001,-1e-300,4.9406564584124654e-324\n"
)
with open("numbers.csv", "w", newline="") as f:
    f.write(NUMBERS)
with gzip.GzipFile("numbers.csv.gz", "wb", mtime=0) as f:
    f.write(NUMBERS.encode())
np.save("numbers.npy", np.loadtxt("numbers.csv", delimiter=",", skiprows=1, dtype=np.float64))

iris = load_iris()
with open("iris.csv", "w", newline="") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["sepal_length", "sepal_width", "petal_length", "petal_width", "species"])
    for features, target in zip(iris.data, iris.target):
        writer.writerow([repr(float(v)) for v in features] + [iris.target_names[target]])
x = np.loadtxt("iris.csv", delimiter=",", skiprows=1, usecols=(0, 1, 2, 3))
np.save("iris_standardized.npy", StandardScaler().fit(x[:100]).transform(x))


def rates(make, epochs=25):
    parameter = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([parameter], lr=0.1)
    scheduler = make(optimizer)
    result = []
    for _ in range(epochs):
        result.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return result


schedules = {
    "step_0.1_x0.5_every7": rates(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5)),
    "exponential_0.1_x0.9": rates(lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9)),
    "cosine_0.1_to_0.001_over20": rates(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=20, eta_min=0.001), epochs=21),
    "cosine_0.1_to_0_over10": rates(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10), epochs=11),
}
with open("schedules.json", "w") as f:
    json.dump(schedules, f, indent=1)
