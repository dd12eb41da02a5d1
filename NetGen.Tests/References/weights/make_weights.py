"""Writes the .npy files the weight-file tests read. Run with NumPy 1.24 in this folder:
   /usr/bin/python3 make_weights.py
Every parameter file is written by np.save; the network is Dense(4, 5, Bias) -> ReLU -> Dense(5, 2, Bias),
whose parameters are W1 (4, 5), B1 (5,), W2 (5, 2), B2 (2,)."""
import io
import os

import numpy as np


def save_set(folder, arrays):
    os.makedirs(folder, exist_ok=True)
    for name, array in arrays.items():
        np.save(os.path.join(folder, name + '.npy'), array)


# The parameters, drawn in the order W1, B1, W2, B2, then a few values that test exactness:
# negative zero, the smallest subnormal, 1/3, the largest double.
np.random.seed(7)
W1 = np.random.randn(4, 5)
B1 = np.random.randn(5)
W2 = np.random.randn(5, 2)
B2 = np.random.randn(2)
W1[0, 0] = -0.0
W1[0, 1] = 5e-324
W1[0, 2] = 1 / 3
W2[4, 1] = np.finfo(np.float64).max
double = {'W1': W1, 'B1': B1, 'W2': W2, 'B2': B2}
save_set('double', double)

# The same draws rounded to float32, once as float32 files and once widened to float64, which is what a
# single-precision network writes. The largest double, beyond float's range, becomes 0.1, and the smallest
# double subnormal (0 in float32) becomes the smallest float32 subnormal.
single = {name: array.copy() for name, array in double.items()}
single['W2'][4, 1] = 0.1
single = {name: array.astype(np.float32) for name, array in single.items()}
single['W1'][0, 1] = np.float32(1e-45)
save_set('single-float32', single)
save_set('single-float64', {name: array.astype(np.float64) for name, array in single.items()})

# Valid files in another encoding than NetGen writes: np.load returns the same matrices.
os.makedirs('variants', exist_ok=True)
np.save('variants/W2_fortran.npy', np.asfortranarray(W2))

# Files that must be rejected, each standing in for one parameter file.
os.makedirs('bad', exist_ok=True)
np.save('bad/W1_transposed.npy', np.ascontiguousarray(W1.T))
np.save('bad/B1_int64.npy', np.arange(5, dtype=np.int64))
np.save('bad/B1_row.npy', B1.reshape(1, 5))
np.save('bad/W2_bigendian.npy', W2.astype('>f8'))
with np.errstate(over='ignore'):
    np.save('bad/W2_float16.npy', W2.astype(np.float16))
buffer = io.BytesIO()
np.save(buffer, B2)
with open('bad/B2_truncated.npy', 'wb') as f:
    f.write(buffer.getvalue()[:-3])
np.savez('bad/B2_npz', B2=B2)
os.replace('bad/B2_npz.npz', 'bad/B2_npz.npy')
