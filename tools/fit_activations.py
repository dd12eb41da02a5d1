#!/usr/bin/env python3
"""Derives the constants of NetGen's vector Tanh and Sigmoid kernels (NetGen.Generator/Emit/KernelEmitter.Activations.cs)
and checks the algorithms they implement against decimal arithmetic at 50 digits.

tanh(x) = x + x·t·P(t), t = x², for |x| < 0.625; P is fitted here by least squares on Chebyshev nodes in t, refined
against residuals computed in decimal arithmetic (so (tanh(x) - x) / x³ suffers no cancellation). For |x| ≥ 0.625
the kernels use sign(x) (1 - 2 / (exp(2|x|) + 1)), with |x| capped at 20 (double) or 10 (float), where tanh is 1 to
the last bit. σ(x) is 1 / (1 + e) for x ≥ 0 and e / (1 + e) below, e = exp(-|x|), so exp never overflows.
exp(z) = 2ⁿ · e^r: n = round(z / ln 2), r = z - n·hi - n·lo with ln 2 = hi + lo split so that n·hi is exact,
|r| ≤ ln 2 / 2, e^r by its Taylor series to degree 13 (double) or 7 (float); 2ⁿ is built from its exponent bits, in
two factors for σ so that results down to the subnormals come out right.

Run: /usr/bin/python3 tools/fit_activations.py   (needs NumPy). Prints the coefficients, highest degree first, the
ln 2 split, and the largest error of each algorithm, simulated in NumPy without fused multiply-adds (the kernels' FMA
versions round less), in units in the last place of the exact result.
"""
import decimal
import math

import numpy as np

decimal.getcontext().prec = 50
D = decimal.Decimal
THRESHOLD = 0.625


def tanh_exact(x):
    e = (D(2) * D(x)).exp()
    return (e - 1) / (e + 1)


def p_exact_t(t):
    """P at t itself: (tanh(√t) - √t) / t^(3/2) with √t taken in decimal arithmetic."""
    if t == 0.0:
        return D(-1) / D(3)
    x = D(t).sqrt()
    e = (D(2) * x).exp()
    return ((e - 1) / (e + 1) - x) / (x * x * x)


def fit(degree, dtype):
    """Least squares on Chebyshev nodes, refined twice against residuals computed in decimal arithmetic."""
    nodes = 400
    k = np.arange(nodes)
    t = (THRESHOLD ** 2) / 2 * (1 - np.cos((2 * k + 1) * np.pi / (2 * nodes)))
    t = np.array([float(dtype(v)) for v in t])
    # The target is P at each node t itself (√t in decimal arithmetic), not at the square of a rounded √t.
    exact = [p_exact_t(v) for v in t]
    scale = THRESHOLD ** 2
    vander = np.vander(t / scale, degree + 1)  # columns t^degree .. t^0, scaled to [0, 1] for conditioning
    coefficients = [D(0)] * (degree + 1)
    for _ in range(3):
        residual = []
        for v, e in zip(t, exact):
            value = D(0)
            for c in coefficients:
                value = value * D(v) + c
            residual.append(float(e - value))
        step, *_ = np.linalg.lstsq(vander, np.array(residual), rcond=None)
        powers = range(degree, -1, -1)
        coefficients = [c + D(float(s)) / D(scale) ** p for c, s, p in zip(coefficients, step, powers)]
    return np.array([float(c) for c in coefficients]).astype(dtype)


def horner(coefficients, t):
    result = np.full_like(t, coefficients[0])
    for c in coefficients[1:]:
        result = result * t + c
    return result


def ln2_split(dtype, kept_bits):
    """ln 2 = hi + lo with hi's significand cut to kept_bits bits, so that n · hi is exact for the n the kernels see."""
    ln2 = D(2).ln()
    m, e = math.frexp(float(ln2))
    hi = math.ldexp(math.floor(math.ldexp(m, kept_bits)), e - kept_bits)
    lo = dtype(float(ln2 - D(hi)))
    return dtype(hi), lo


def exp_kernel(z, degree, dtype, extra=0):
    """exp(z) as the kernels compute it: n = round(z / ln 2), r = z - n·hi - n·lo (the kernels' split of ln 2),
    Taylor e^r to the given degree, times 2^(n + extra) · 2^-extra (extra > 0 keeps 2ⁿ normal down to the subnormals)."""
    z = z.astype(dtype)
    log2e = dtype(1 / math.log(2))
    hi, lo = ln2_split(dtype, 32 if dtype == np.float64 else 12)
    n = np.round(z * log2e).astype(dtype)
    r = (z - n * hi) - n * lo
    coefficients = np.array([dtype(1 / math.factorial(k)) for k in range(degree, -1, -1)], dtype=dtype)
    p = horner(coefficients, r)
    return (p * np.power(dtype(2), n + extra)).astype(dtype) * np.power(dtype(2), -extra).astype(dtype)


def tanh_algorithm(x, coefficients, exp_degree, dtype, clamp):
    x = x.astype(dtype)
    a = np.abs(x)
    t = x * x
    small = x + x * t * horner(coefficients, t)
    e = exp_kernel(np.minimum(a, dtype(clamp)) * dtype(2), exp_degree, dtype)
    large = np.copysign(dtype(1) - dtype(2) / (e + dtype(1)), x)
    return np.where(a < dtype(THRESHOLD), small, large)


def ulp_error(values, dtype):
    xs = np.concatenate([np.linspace(-25, 25, 20001), np.linspace(-0.7, 0.7, 20001), np.geomspace(1e-8, 0.7, 2000)])
    xs = xs.astype(dtype)
    approx = values(xs)
    worst = 0.0
    for x, y in zip(xs, approx):
        exact = tanh_exact(float(x))
        ulp = np.spacing(dtype(abs(float(exact)))) if exact != 0 else np.spacing(dtype(0))
        error = abs(float(D(float(y)) - exact)) / float(ulp)
        worst = max(worst, error)
    return worst


def sigmoid_exact(x):
    return 1 / (1 + (-D(float(x))).exp())


def sigmoid_algorithm(x, exp_degree, dtype, floor, extra):
    """σ(x) as the kernels compute it: e = exp(-|x|) (down to subnormals), then 1 / (1 + e) or e / (1 + e)."""
    x = x.astype(dtype)
    z = np.maximum(-np.abs(x), dtype(floor))
    e = exp_kernel(z, exp_degree, dtype, extra)
    one = dtype(1) + e
    return np.where(x >= 0, dtype(1) / one, e / one)


def sigmoid_ulp_error(dtype, exp_degree, floor, extra):
    xs = np.concatenate([np.linspace(-120 if dtype == np.float32 else -760, 40, 40001), np.linspace(-1, 1, 2001)]).astype(dtype)
    worst = 0.0
    for x, y in zip(xs, sigmoid_algorithm(xs, exp_degree, dtype, floor, extra)):
        exact = sigmoid_exact(x)
        ulp = float(np.spacing(dtype(float(exact))))
        worst = max(worst, abs(float(D(float(y)) - exact)) / ulp)
    return worst


if __name__ == "__main__":
    for name, dtype, degree, exp_degree, clamp, kept, floor, extra in (
            ("double", np.float64, 11, 13, 20.0, 32, -746.0, 60), ("float", np.float32, 5, 7, 10.0, 12, -104.0, 30)):
        c = fit(degree, dtype)
        print(f"{name}: P(t) coefficients, highest degree first:")
        for v in c:
            print(f"  {float(v)!r}")
        hi, lo = ln2_split(dtype, kept)
        print(f"{name}: ln 2 = {float(hi)!r} + {float(lo)!r}")
        worst = ulp_error(lambda xs: tanh_algorithm(xs, c, exp_degree, dtype, clamp), dtype)
        print(f"{name}: tanh, largest error {worst:.2f} ulp")
        worst = sigmoid_ulp_error(dtype, exp_degree, floor, extra)
        print(f"{name}: sigmoid, largest error {worst:.2f} ulp")
