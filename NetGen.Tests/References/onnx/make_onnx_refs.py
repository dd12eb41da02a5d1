"""Writes the ONNX reference models of NetGen's ONNX tests, and the outputs PyTorch computes for fixed inputs.

Every model is a small sequential MLP built in PyTorch and written by torch.onnx.export (torch 1.13, Debian's
python3-torch). For each model NAME the folder gets:
  NAME.onnx         what torch.onnx.export wrote
  NAME.input.npy    the fixed inputs (5 rows), written by numpy
  NAME.output.npy   what the PyTorch model computed for them (eval mode, no gradient), written by numpy
  NAME.logits.npy   for the classifiers ending in Softmax: the model's output before the Softmax

bad/ holds files NetGen must refuse: each is one of the exports above changed with the onnx package (see README.md).

Run from this folder: /usr/bin/python3 make_onnx_refs.py
"""

import os

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = 5


class Affine(nn.Module):
    """x @ W + b with W stored (in, out): torch.onnx.export writes MatMul followed by Add."""

    def __init__(self, inputs, outputs, bias_first=False):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(inputs, outputs) / inputs ** 0.5)
        self.bias = nn.Parameter(torch.randn(outputs) * 0.5)
        self.bias_first = bias_first

    def forward(self, x):
        if self.bias_first:
            return self.bias + torch.matmul(x, self.weight)
        return torch.matmul(x, self.weight) + self.bias


def models():
    """(name, seed, opset, dtype, builder, input size) of every reference model."""
    return [
        ("relu_bias_float_op13", 1, 13, torch.float32,
         lambda: nn.Sequential(nn.Linear(5, 7), nn.ReLU(), nn.Linear(7, 3)), 5),
        ("relu_bias_float_op9", 2, 9, torch.float32,
         lambda: nn.Sequential(nn.Linear(5, 7), nn.ReLU(), nn.Linear(7, 3)), 5),
        ("relu_bias_double_op17", 3, 17, torch.float64,
         lambda: nn.Sequential(nn.Linear(5, 7), nn.ReLU(), nn.Linear(7, 3)), 5),
        ("sigmoid_nobias_float_op9", 4, 9, torch.float32,
         lambda: nn.Sequential(nn.Linear(4, 6, bias=False), nn.Sigmoid(), nn.Linear(6, 2, bias=False)), 4),
        ("sigmoid_bias_double_op9", 5, 9, torch.float64,
         lambda: nn.Sequential(nn.Linear(4, 6), nn.Sigmoid(), nn.Linear(6, 2)), 4),
        ("tanh_bias_double_op17", 6, 17, torch.float64,
         lambda: nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1)), 3),
        ("tanh_nobias_float_op13", 7, 13, torch.float32,
         lambda: nn.Sequential(nn.Linear(3, 8, bias=False), nn.Tanh(), nn.Linear(8, 1, bias=False)), 3),
        ("leaky_bias_float_op17", 8, 17, torch.float32,
         lambda: nn.Sequential(nn.Linear(6, 5), nn.LeakyReLU(0.1), nn.Linear(5, 4)), 6),
        ("leaky_nobias_double_op13", 9, 13, torch.float64,
         lambda: nn.Sequential(nn.Linear(6, 5, bias=False), nn.LeakyReLU(0.1), nn.Linear(5, 4, bias=False)), 6),
        ("mixed_bias_float_op17", 10, 17, torch.float32,
         lambda: nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 3, bias=False)), 4),
        ("matmul_add_float_op13", 11, 13, torch.float32,
         lambda: nn.Sequential(Affine(5, 7), nn.ReLU(), Affine(7, 3)), 5),
        ("matmul_add_double_op17", 12, 17, torch.float64,
         lambda: nn.Sequential(Affine(4, 6, bias_first=True), nn.Sigmoid(), Affine(6, 2, bias_first=True)), 4),
        ("flatten_relu_float_op13", 13, 13, torch.float32,
         lambda: nn.Sequential(nn.Flatten(), nn.Linear(5, 7), nn.ReLU(), nn.Linear(7, 3)), 5),
        ("classifier_softmax_float_op13", 14, 13, torch.float32,
         lambda: nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 4), nn.Softmax(dim=1)), 6),
        ("dropout_relu_float_op13", 15, 13, torch.float32,
         lambda: nn.Sequential(nn.Linear(5, 7), nn.ReLU(), nn.Dropout(0.5), nn.Linear(7, 3)), 5),
    ]


def export(name, seed, opset, dtype, build, inputs):
    torch.manual_seed(seed)
    model = build().to(dtype)
    model.eval()
    x = np.random.default_rng(seed).standard_normal((ROWS, inputs)).astype(np.float64 if dtype == torch.float64 else np.float32)
    path = os.path.join(HERE, name + ".onnx")
    torch.onnx.export(
        model, torch.from_numpy(x), path, opset_version=opset,
        input_names=["input"], output_names=["output"],
        dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    with torch.no_grad():
        y = model(torch.from_numpy(x)).numpy()
        np.save(os.path.join(HERE, name + ".input.npy"), x)
        np.save(os.path.join(HERE, name + ".output.npy"), y)
        if isinstance(model[-1], nn.Softmax):
            np.save(os.path.join(HERE, name + ".logits.npy"), model[:-1](torch.from_numpy(x)).numpy())
    onnx.checker.check_model(onnx.load(path))
    graph = onnx.load(path).graph
    print(name, "opset", opset, [n.op_type for n in graph.node], [(i.name, list(i.dims)) for i in graph.initializer])


def bad_files():
    """Files NetGen must refuse, each one export changed in one way."""
    bad = os.path.join(HERE, "bad")
    os.makedirs(bad, exist_ok=True)

    def load(name):
        return onnx.load(os.path.join(HERE, name + ".onnx"))

    def save(model, name):
        onnx.save(model, os.path.join(bad, name + ".onnx"))

    # An operator NetGen does not know: the ReLU replaced by Elu.
    model = load("relu_bias_float_op13")
    for node in model.graph.node:
        if node.op_type == "Relu":
            node.op_type = "Elu"
    save(model, "unknown_operator_elu")

    # Weights stored as float16, which NetGen does not read.
    model = load("relu_bias_float_op13")
    first = model.graph.initializer[0]
    values = numpy_helper.to_array(first).astype(np.float16)
    first.CopyFrom(numpy_helper.from_array(values, first.name))
    save(model, "float16_weights")

    # Weights stored as int64.
    model = load("relu_bias_float_op13")
    first = model.graph.initializer[0]
    values = np.round(numpy_helper.to_array(first) * 10).astype(np.int64)
    first.CopyFrom(numpy_helper.from_array(values, first.name))
    save(model, "int64_weights")

    # Gemm with alpha = 2, which scales the product.
    model = load("relu_bias_float_op13")
    for node in model.graph.node:
        if node.op_type == "Gemm":
            next(a for a in node.attribute if a.name == "alpha").f = 2.0
            break
    save(model, "gemm_alpha_2")

    # An initializer whose raw_data holds fewer bytes than its dims say.
    model = load("relu_bias_float_op13")
    first = model.graph.initializer[0]
    first.raw_data = first.raw_data[:-4]
    save(model, "short_raw_data")

    # The Gemm's weight is not an initializer but a second graph input.
    model = load("relu_bias_float_op13")
    first = model.graph.initializer[0]
    model.graph.input.append(helper.make_tensor_value_info(first.name, onnx.TensorProto.FLOAT, list(first.dims)))
    del model.graph.initializer[0]
    save(model, "weight_as_input")

    # Identity nodes between the layers: harmless, accepted (a valid variant, kept here beside the changed files).
    model = load("relu_bias_float_op13")
    nodes = list(model.graph.node)
    relu = next(n for n in nodes if n.op_type == "Relu")
    old = relu.output[0]
    relu.output[0] = old + "_before_identity"
    identity = helper.make_node("Identity", [old + "_before_identity"], [old], name="Identity_added")
    index = nodes.index(relu)
    del model.graph.node[:]
    model.graph.node.extend(nodes[:index + 1] + [identity] + nodes[index + 1:])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, "identity_relu_float_op13.onnx"))

    # Gemm with transB = 0 and the weights stored (in, out), as some other exporters write it: the same model.
    model = load("relu_bias_float_op13")
    for node in model.graph.node:
        if node.op_type == "Gemm":
            for attribute in node.attribute:
                if attribute.name == "transB":
                    attribute.i = 0
            weight = next(i for i in model.graph.initializer if i.name == node.input[1])
            weight.CopyFrom(numpy_helper.from_array(np.ascontiguousarray(numpy_helper.to_array(weight).T), weight.name))
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, "gemm_transb0_float_op13.onnx"))

    # Every initializer as typed float_data / double_data instead of raw_data: the same models.
    for name in ["relu_bias_float_op13", "tanh_bias_double_op17"]:
        model = load(name)
        for index, tensor in enumerate(model.graph.initializer):
            values = numpy_helper.to_array(tensor)
            typed = helper.make_tensor(tensor.name, tensor.data_type, list(tensor.dims), values.ravel().tolist(), raw=False)
            model.graph.initializer[index].CopyFrom(typed)
        onnx.checker.check_model(model)
        onnx.save(model, os.path.join(HERE, name.replace("_op", "_typed_op") + ".onnx"))

    for name in sorted(os.listdir(bad)):
        print("bad/" + name)


if __name__ == "__main__":
    for entry in models():
        export(*entry)
    bad_files()
