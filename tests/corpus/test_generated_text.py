"""Property: whatever text an article holds, the pipeline ends in a report or a clear
input error, never a traceback (stray quotes and dashes, empty paragraphs, very long
sentences, non-Latin scripts, control characters)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.api import check
from factcheck.errors import InputError
from factcheck.ingest import prepare_article
from factcheck.llm import FakeLLM
from factcheck.report import render_html, render_markdown
from tests.corpus.conftest import HashEmbedder, HashJudge

_WORDS = st.sampled_from(
    ["The", "minister", "said", "42", "$1.5bn", "Zelenskyy", "Україна", "北京", "مرحبا",
     "naïve", "don't", "U.N.", "e.g.", "3.", "—", "–", '"', "“", "”", "'", "‘", "...", "…",
     ".", ",", ";", "(", ")", "\u200b", "\x00", "\x07", "\t", "\r", "\u2028"]
)  # fmt: skip
_SENTENCE = st.lists(_WORDS, min_size=0, max_size=40).map(" ".join)
_LONG = st.integers(min_value=50, max_value=400).map(lambda n: ", ".join(["and then"] * n) + ".")
_PARAGRAPH = st.lists(st.one_of(_SENTENCE, _LONG, st.just("")), min_size=0, max_size=5).map(
    lambda sentences: ". ".join(sentences)
)
_ARTICLE = st.lists(_PARAGRAPH, min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_ARTICLE, min_size=1, max_size=3))
def test_any_text_gives_a_report_or_a_clear_input_error(texts: list[str]) -> None:
    articles = []
    for n, text in enumerate(texts):
        try:
            articles.append(prepare_article(text, article_id=f"a{n}").article)
        except InputError as exc:
            assert str(exc)
    if not articles:
        return
    report = check(
        articles,
        llm=FakeLLM(seed=len(texts), over_http=False),
        pair_judge=HashJudge(),
        embedder=HashEmbedder(),
    )
    lost = [p.message for p in report.problems if p.kind == "claim_invalid"]
    assert not lost, lost
    assert render_markdown(report)
    assert render_html(report)
