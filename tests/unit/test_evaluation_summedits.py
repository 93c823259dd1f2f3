"""SummEdits scoring with a fake contradiction model: loading, sampling, metrics, breakdown."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from factcheck.errors import ConfigurationError, InputError
from factcheck.evaluation import (
    Confusion,
    ItemOutcome,
    SummEditsItem,
    evaluate,
    format_table,
    load_summedits,
    predict,
    stratified_sample,
)
from factcheck.evaluation.summedits import edit_type_scores
from factcheck.nli import WindowScores

DOC = "Activists poured yellow paint outside the embassy. Four people were arrested."


def item(
    id_: str, label: int, summary: str = "Four people were arrested.", **extra: object
) -> dict[str, object]:
    return {"id": id_, "doc": DOC, "summary": summary, "label": label, **extra}


def write_jsonl(
    path: Path, rows: list[dict[str, object]], *, raw: dict[int, str] | None = None
) -> Path:
    lines = [json.dumps(row) for row in rows]
    for number, text in (raw or {}).items():
        lines.insert(number - 1, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_accepts_string_labels_and_edit_types_as_string_or_list(tmp_path: Path) -> None:
    rows = [
        item("a", 1),
        {**item("b", 0), "label": "0", "edit_types": "antonym_swap, entity_modification"},
        item("c", 0, edit_types=["negation_insertion_removal"]),
    ]
    items = load_summedits(write_jsonl(tmp_path / "d.jsonl", rows))
    assert [i.label for i in items] == [1, 0, 0]
    assert items[1].edit_types == ("antonym_swap", "entity_modification")
    assert items[2].edit_types == ("negation_insertion_removal",)
    assert items[0].consistent and not items[1].consistent


@pytest.mark.parametrize(
    ("bad", "needle"),
    [("{not json", "not valid JSON"), (json.dumps(item("z", 2)), "label")],
)
def test_a_malformed_line_is_an_input_error_naming_its_line(
    tmp_path: Path, bad: str, needle: str
) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", [item("a", 1), item("b", 0)], raw={3: bad})
    with pytest.raises(InputError, match="line 3") as caught:
        load_summedits(path)
    assert needle in str(caught.value)


def test_load_of_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_summedits(tmp_path / "absent.jsonl")


def items_with(n0: int, n1: int) -> list[SummEditsItem]:
    rows = [item(f"i{k}", 0) for k in range(n0)] + [item(f"c{k}", 1) for k in range(n1)]
    return [SummEditsItem.model_validate(row) for row in rows]


def test_stratified_limit_keeps_both_labels_and_is_deterministic() -> None:
    items = items_with(18, 2)
    sample = stratified_sample(items, 4)
    assert len(sample) == 4
    assert {i.label for i in sample} == {0, 1}
    assert [i.id for i in sample] == [i.id for i in stratified_sample(list(reversed(items)), 4)]
    # Proportional: 14 of 20 inconsistent keeps 7 of 10.
    assert sum(i.label == 0 for i in stratified_sample(items_with(14, 6), 10)) == 7
    assert len(stratified_sample(items, 50)) == 20
    with pytest.raises(ConfigurationError, match="at least 1"):
        stratified_sample(items, 0)


def test_stratified_limit_is_not_the_first_lines() -> None:
    items = items_with(30, 30)
    sample_ids = {i.id for i in stratified_sample(items, 10)}
    assert sample_ids != {i.id for i in items[:10]}


def test_balanced_accuracy_is_the_mean_of_the_two_recalls() -> None:
    pairs: list[tuple[int, int | None]] = [(1, 1), (1, 1), (1, 1), (1, 0), (0, 0), (0, 1)]
    confusion = Confusion.of(pairs)
    assert (confusion.consistent_right, confusion.consistent_wrong) == (3, 1)
    assert (confusion.inconsistent_right, confusion.inconsistent_wrong) == (1, 1)
    assert confusion.recall_consistent == 0.75 and confusion.recall_inconsistent == 0.5
    assert confusion.balanced_accuracy == pytest.approx(0.625)


def test_undecided_counts_as_wrong_and_one_label_leaves_it_undefined() -> None:
    confusion = Confusion.of([(1, 1), (1, None), (0, 0), (0, None)])
    assert confusion.consistent_undecided == 1 and confusion.inconsistent_undecided == 1
    assert confusion.balanced_accuracy == pytest.approx(0.5)
    assert Confusion.of([(1, 1)]).balanced_accuracy is None


def test_decision_rules() -> None:
    assert predict(["supported", "supported"], "all_supported") == 1
    assert predict(["supported", "unsupported"], "all_supported") == 0
    assert predict(["supported", "unsupported"], "none_contradicted") == 1
    assert predict(["contradicted", "unverified"], "none_contradicted") == 0
    assert predict(["unsupported", "unverified"], "all_supported") == 0
    assert predict(["supported", "unverified"], "all_supported") is None


def outcome(label: int, types: tuple[str, ...], strict: int, lenient: int) -> ItemOutcome:
    return ItemOutcome(
        id=f"{label}{types}{strict}{lenient}",
        label=label,  # type: ignore[arg-type]
        edit_types=types,
        verdicts=(),
        predictions={"all_supported": strict, "none_contradicted": lenient},  # type: ignore[dict-item]
    )


def test_edit_type_breakdown_counts_an_item_under_each_of_its_types() -> None:
    rows = edit_type_scores(
        [
            outcome(0, ("antonym_swap", "entity_modification"), 0, 1),
            outcome(0, ("entity_modification",), 1, 1),
            outcome(1, ("entity_modification",), 1, 1),
            outcome(1, (), 1, 1),
        ]
    )
    by_type = {row.edit_type: row for row in rows}
    assert set(by_type) == {"(none)", "antonym_swap", "entity_modification"}
    entity = by_type["entity_modification"]
    assert (entity.n, entity.n_inconsistent) == (3, 2)
    assert entity.detected == {"all_supported": 0.5, "none_contradicted": 0.0}
    assert by_type["antonym_swap"].detected["all_supported"] == 1.0
    assert by_type["(none)"].detected["all_supported"] is None


class KeywordJudge:
    """The document's arrest sentence entails "Four people" and contradicts "Five people";
    everything else is neutral. One window per premise."""

    fingerprint = "fake"

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[WindowScores]:
        out = []
        for premise, statement in pairs:
            probs = (0.05, 0.9, 0.05)
            if "Four people" in premise and "Four people" in statement:
                probs = (0.9, 0.05, 0.05)
            elif "Four people" in premise and "Five people" in statement:
                probs = (0.05, 0.05, 0.9)
            out.append(WindowScores(((0, len(premise)),), np.array([probs], dtype=np.float32)))
        return out


def test_evaluate_scores_both_rules_and_makes_no_llm_call() -> None:
    rows = [
        item("ok", 1, "Four people were arrested."),
        item("wrong", 0, "Five people were arrested.", edit_types=["entity_modification"]),
        item("added", 0, "Police used tear gas.", edit_types="hallucinated_fact_insertion"),
    ]
    items = [SummEditsItem.model_validate(row) for row in rows]
    result = evaluate(items, KeywordJudge())
    assert result.n == 3
    # "Five people" is contradicted: caught by both rules. "tear gas" is unstated (and
    # "Police" is a name the document never mentions): caught only by the primary rule.
    assert result.scores["all_supported"].confusion.inconsistent_right == 2
    assert result.scores["none_contradicted"].confusion.inconsistent_right == 1
    assert result.scores["all_supported"].balanced_accuracy == pytest.approx(1.0)
    assert result.balanced_accuracy == pytest.approx(0.75)  # the primary rule
    assert result.usage.calls == 0
    table = format_table(result)
    assert "consistent iff every sentence supported" in table
    assert "consistent iff no sentence contradicted" in table
    assert "GPT-4 83.3" in table and "human 90.0" in table
    assert "hallucinated_fact_insertion" in table


def test_evaluate_with_limit_reports_the_sample_it_drew_from() -> None:
    items = items_with(6, 4)
    result = evaluate(items, KeywordJudge(), limit=4)
    assert result.n == 4 and result.sampled_from == 10
    confusion = result.primary.confusion
    assert confusion.n_consistent >= 1 and confusion.n_inconsistent >= 1
    assert "stratified sample of 10" in format_table(result)
