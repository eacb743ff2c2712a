"""A tiny, dependency-free writer of ONNX model files (protobuf wire format by hand).

Why not the `onnx` package: it is only in the `train` extra, and the calibrated gaze model is fitted on the
user's machine at run time. onnxruntime does not expose protobuf classes for ONNX, and generating them would
need `protoc`. ONNX's ModelProto is small and stable, and the graphs written here use ~10 message types,
so ~120 lines of encoder are the smallest thing that works. Tests check the output with `onnx.checker`
(when installed) and against onnxruntime.

Field numbers follow onnx/onnx.proto (IR version 8, opset 17).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from collections.abc import Sequence

import numpy as np

IR_VERSION = 8
OPSET = 17

_DTYPES = {np.dtype(np.float32): 1, np.dtype(np.uint8): 2, np.dtype(np.int32): 6, np.dtype(np.int64): 7}
_ELEM = {"float32": 1, "uint8": 2, "int64": 7}


# --- wire format ---------------------------------------------------------------------------------
def _varint(value: int) -> bytes:
    if value < 0:
        value += 1 << 64  # int64 negatives are ten-byte two's complement varints
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _key(number: int, wire: int) -> bytes:
    return _varint((number << 3) | wire)


def _int(number: int, value: int) -> bytes:
    return _key(number, 0) + _varint(int(value))


def _bytes(number: int, value: bytes) -> bytes:
    return _key(number, 2) + _varint(len(value)) + value


def _str(number: int, value: str) -> bytes:
    return _bytes(number, value.encode("utf-8"))


def _float(number: int, value: float) -> bytes:
    return _key(number, 5) + struct.pack("<f", float(value))


# --- messages --------------------------------------------------------------------------------------
AttrValue = int | float | str | Sequence[int] | np.ndarray


@dataclass
class Node:
    """One ONNX graph node: operator type, input and output tensor names, and attributes.

    Attribute values may be an int, float, str, int sequence or array; booleans are refused (ONNX has none).
    """

    op: str
    inputs: list[str]
    outputs: list[str]
    attrs: dict[str, AttrValue] = field(default_factory=dict)
    name: str = ""


def _tensor(name: str, array: np.ndarray) -> bytes:
    array = np.ascontiguousarray(array)
    if array.dtype not in _DTYPES:
        raise TypeError(f"unsupported initializer dtype {array.dtype}")
    out = b"".join(_int(1, d) for d in array.shape)
    out += _int(2, _DTYPES[array.dtype])
    out += _str(8, name)
    out += _bytes(9, array.astype(array.dtype.newbyteorder("<"), copy=False).tobytes())
    return out


def _attribute(name: str, value: AttrValue) -> bytes:
    out = _str(1, name)
    if isinstance(value, bool):
        raise TypeError("boolean attributes are not used in ONNX; pass 0 or 1")
    if isinstance(value, int):
        return out + _int(3, value) + _int(20, 2)
    if isinstance(value, float):
        return out + _float(2, value) + _int(20, 1)
    if isinstance(value, str):
        return out + _bytes(4, value.encode()) + _int(20, 3)
    if isinstance(value, np.ndarray):
        return out + _bytes(5, _tensor("", value)) + _int(20, 4)
    ints = [int(v) for v in value]
    return out + b"".join(_int(8, v) for v in ints) + _int(20, 7)


def _node(node: Node, index: int) -> bytes:
    out = b"".join(_str(1, i) for i in node.inputs)
    out += b"".join(_str(2, o) for o in node.outputs)
    out += _str(3, node.name or f"{node.op}_{index}")
    out += _str(4, node.op)
    out += b"".join(_bytes(5, _attribute(k, v)) for k, v in node.attrs.items())
    return out


def _value_info(name: str, dtype: str, shape: Sequence[int | str | None]) -> bytes:
    dims = b""
    for d in shape:
        if isinstance(d, int):
            dims += _bytes(1, _int(1, d))
        else:
            dims += _bytes(1, _str(2, d or "N"))
    tensor_type = _int(1, _ELEM[dtype]) + _bytes(2, dims)
    return _str(1, name) + _bytes(2, _bytes(1, tensor_type))


def make_model(
    nodes: Sequence[Node],
    inputs: Sequence[tuple[str, str, Sequence[int | str | None]]],
    outputs: Sequence[tuple[str, str, Sequence[int | str | None]]],
    initializers: dict[str, np.ndarray],
    graph_name: str = "graph",
    metadata: dict[str, str] | None = None,
    producer: str = "alyesdesk",
) -> bytes:
    """Serialised ModelProto bytes. inputs/outputs are (name, dtype, shape) with symbolic batch dims."""
    graph = b"".join(_bytes(1, _node(n, i)) for i, n in enumerate(nodes))
    graph += _str(2, graph_name)
    graph += b"".join(_bytes(5, _tensor(k, v)) for k, v in initializers.items())
    graph += b"".join(_bytes(11, _value_info(*i)) for i in inputs)
    graph += b"".join(_bytes(12, _value_info(*o)) for o in outputs)
    model = _int(1, IR_VERSION) + _str(2, producer) + _str(3, "1")
    model += _bytes(7, graph)
    model += _bytes(8, _str(1, "") + _int(2, OPSET))
    for k, v in (metadata or {}).items():
        model += _bytes(14, _str(1, k) + _str(2, v))
    return model
