"""Recover a run's PyTorch weights from the shipped int8 ONNX model, to train on from there.

    python -m training.recover --out training/runs/nli-v2-int8

A run's ``model.pt`` lives under ``training/runs/`` (not committed: 90 MB a run), so a new
machine has only the shipped graph. Its weights are the run's, each large matrix rounded to
int8 with a per-channel scale (``training.export.quantize_weights``): dequantised, they give
a state dict for :class:`training.train.CrossEncoder` that ``train --init`` takes. The
rounding is the only difference from the run's own weights; the script checks the result
against the ONNX graph on the held-out MNLI dev slice and writes ``recover.json``.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from factcheck.hashing import file_sha256
from training.data import build
from training.export import ONNX_NAME, TARGET, run_onnx
from training.train import collate, encode, load_base, tokenizer

# "/bert/encoder/layer.0/attention/self/query/MatMul_output_0" -> "bert.encoder.layer.0...."
_MATMUL_OUTPUT = re.compile(r"^/(?P<path>.+)/MatMul_output_0$")


def dequantised(model: onnx.ModelProto) -> dict[str, np.ndarray]:
    """Every initializer as fp32, with each ``DequantizeLinear`` of a constant applied."""
    arrays = {init.name: numpy_helper.to_array(init) for init in model.graph.initializer}
    out = {name: value for name, value in arrays.items() if value.dtype == np.float32}
    for node in model.graph.node:
        if node.op_type != "DequantizeLinear":
            continue
        values, scale, zero = (arrays[name] for name in node.input)
        axis = next((a.i for a in node.attribute if a.name == "axis"), 1)
        shape = [1] * values.ndim
        shape[axis] = -1
        out[node.output[0]] = (
            (values.astype(np.float32) - zero.astype(np.float32).reshape(shape))
            * scale.reshape(shape)
        ).astype(np.float32)
    return out


def state_dict(model: onnx.ModelProto) -> dict[str, torch.Tensor]:
    """The CrossEncoder's parameters: named initializers as they are, and each MatMul's
    weight (stored transposed by the export, named ``onnx::MatMul_N``) under the name of the
    Linear layer whose output it makes."""
    values = dequantised(model)
    state = {name: torch.from_numpy(v.copy()) for name, v in values.items() if "::" not in name}
    for node in model.graph.node:
        if node.op_type != "MatMul" or node.input[1] not in values:
            continue
        match = _MATMUL_OUTPUT.match(node.output[0])
        if match is None:
            raise ValueError(f"cannot name the weight of MatMul {node.output[0]}")
        name = match["path"].replace("/", ".") + ".weight"
        state[name] = torch.from_numpy(values[node.input[1]].T.copy())
    return state


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--onnx", type=Path, default=TARGET / ONNX_NAME)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/nli"))
    parser.add_argument("--out", type=Path, default=Path("training/runs/nli-v2-int8"))
    args = parser.parse_args()

    model = load_base()
    expected = set(model.state_dict())
    state = state_dict(onnx.load(str(args.onnx)))
    state = {k: v for k, v in state.items() if k in expected}
    missing = expected - set(state)
    # position_ids is a buffer the export does not carry; the base model's is kept.
    if missing - {"bert.embeddings.position_ids"}:
        raise SystemExit(f"not in the ONNX graph: {sorted(missing)}")
    model.load_state_dict(state, strict=False)
    model.eval()

    dev = encode(tokenizer(128), build(args.data).mnli_dev)
    agree = right = 0
    worst = 0.0
    for start in range(0, len(dev), 64):
        batch = collate(dev[start : start + 64])
        with torch.no_grad():
            logits = model(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"])
        reference = run_onnx(args.onnx, batch)
        worst = max(worst, float(np.abs(logits.numpy() - reference).max()))
        agree += int((logits.argmax(-1).numpy() == reference.argmax(-1)).sum())
        right += int((logits.argmax(-1) == batch["labels"]).sum())
    args.out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), args.out / "model.pt")
    report = {
        "onnx": str(args.onnx),
        "onnx_sha256": file_sha256(args.onnx),
        "mnli_dev_n": len(dev),
        "torch_accuracy": round(right / len(dev), 4),
        "argmax_agreement_with_onnx": round(agree / len(dev), 4),
        "max_abs_logit_difference": round(worst, 5),
    }
    (args.out / "recover.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
