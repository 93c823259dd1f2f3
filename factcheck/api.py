"""The library API a newsroom pipeline calls: ``check`` and ``extract``, and
``rerender`` for a saved JSON report.

Both take paths or ready :class:`Article` objects, and either an injected
:class:`LLM` or :class:`Settings` (read from the environment when omitted).
"""

from __future__ import annotations

import contextlib
import datetime
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Literal

from factcheck._version import __version__
from factcheck.comparison import CachedJudge, ModelJudge, PairJudge, Reconciler, verify_claims
from factcheck.comparison.embedding_cache import CachedEmbedder
from factcheck.comparison.judges.labels import PROMPT as LABEL_PROMPT
from factcheck.comparison.judges.labels import label_points
from factcheck.comparison.judges.llm import PROMPT as JUDGE_PROMPT
from factcheck.comparison.judges.llm import judge_points
from factcheck.errors import InputError
from factcheck.evaluation import EvalResult, run_summedits
from factcheck.extract import Attribution, ExtractionResult, Extractor
from factcheck.ingest import read_articles
from factcheck.llm import LLM, Settings, load_prompt, open_llm
from factcheck.nli import compare, compare_many
from factcheck.nli.embeddings import Embedder, embeddings_available, load_default_embedder
from factcheck.parse import attach_facts
from factcheck.report import apply_reviews, load_report, load_reviews
from factcheck.schemas import (
    Article,
    ArticleInfo,
    Claim,
    ClaimSupport,
    Finding,
    Problem,
    Report,
    RunInfo,
)

__all__ = [
    "Progress",
    "check",
    "compare",
    "compare_many",
    "dated",
    "evaluate_summedits",
    "extract",
    "load_inputs",
    "read_text",
    "rerender",
    "verify",
]

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``; stages: extract, pairs, items."""

ArticleInput = str | Path | Article
Published = datetime.date | Mapping[str, datetime.date]
"""When articles were published: one day for all, or a day by article id."""
JudgeChoice = Literal["auto", "model", "llm"]
"""Who decides the flagged points: ``model`` the typed checks and the contradiction model
alone; ``llm`` the LLM judge, one call per flagged point; ``auto`` the LLM judge unless the
backend is the embedded model."""


def load_inputs(inputs: Sequence[ArticleInput]) -> tuple[list[Article], list[Problem]]:
    """Read paths (files or directories) and pass Article objects through."""
    if not inputs:
        raise InputError("no articles given: pass one or more files or directories")
    articles = [item for item in inputs if isinstance(item, Article)]
    paths = [Path(item) for item in inputs if not isinstance(item, Article)]
    problems: list[Problem] = []
    if paths:
        ingested = read_articles(paths)
        articles.extend(ingested.articles)
        problems.extend(ingested.problems)
    seen: set[str] = set()
    unique: list[Article] = []
    for article in articles:
        if article.id in seen:
            raise InputError(f"two articles share the id {article.id!r}; give them distinct ids")
        seen.add(article.id)
        unique.append(article)
    if not unique:
        reasons = "; ".join(p.message for p in problems) or "nothing readable"
        raise InputError(f"no article could be read ({reasons})")
    return unique, problems


def dated(articles: Sequence[Article], published: Published | None) -> list[Article]:
    """The articles, each without a publication date given ``published``'s day for it."""
    out: list[Article] = []
    for article in articles:
        day = published.get(article.id) if isinstance(published, Mapping) else published
        if article.published is None and day is not None:
            article = article.model_copy(update={"published": day})
        out.append(article)
    return out


def read_text(path: str | Path) -> str:
    """One article file's cleaned text (as ``check`` reads it), for ``compare``."""
    ingested = read_articles([Path(path)])
    if not ingested.articles:
        reasons = "; ".join(p.message for p in ingested.problems) or f"{path} holds no text"
        raise InputError(reasons)
    return ingested.articles[0].text


@contextlib.contextmanager
def _llm_for(llm: LLM | None, settings: Settings | None) -> Iterator[LLM]:
    if llm is not None:
        yield llm
        return
    with open_llm(settings or Settings.from_env()) as opened:
        yield opened


def _extract_all(
    articles: list[Article],
    llm: LLM,
    progress: Progress | None,
    attribution: Attribution = "auto",
) -> tuple[list[Claim], list[Problem], dict[str, int]]:
    done = 0

    def on_done(_: ExtractionResult) -> None:
        nonlocal done
        done += 1
        if progress:
            progress("extract", done, len(articles))

    results = Extractor(llm, attribution=attribution).extract_all(articles, on_done=on_done)
    by_id = {article.id: article for article in articles}
    # Typed facts (figures, dates, people, status) read once per claim by spaCy's parse,
    # dates resolved against the article's own date when it has one.
    claims = [
        claim
        for result in results
        for claim in attach_facts(result.claims, by_id[result.article_id])
    ]
    problems = [problem for result in results for problem in result.problems]
    counts = {result.article_id: len(result.claims) for result in results}
    return claims, problems, counts


def _extraction_prompt(claims: Sequence[Claim]) -> dict[str, str]:
    """The extraction prompt's hash, when the model answered it for any claim (with
    attribution by the parse alone, no prompt shaped the claims)."""
    if not any(c.provenance and c.provenance.decided_by == "llm" for c in claims):
        return {}
    name = Extractor.prompt_name()
    return {name: load_prompt(name).hash}


def _run_info(llm: LLM, prompts: dict[str, str], started: float) -> RunInfo:
    return RunInfo(
        factcheck_version=__version__,
        backend=llm.backend,
        model=llm.model,
        prompts=prompts,
        usage=llm.usage(),
        wall_seconds=round(time.perf_counter() - started, 2),
    )


def extract(
    inputs: Sequence[ArticleInput],
    *,
    settings: Settings | None = None,
    llm: LLM | None = None,
    progress: Progress | None = None,
    attribution: Attribution = "auto",
    published: Published | None = None,
) -> Report:
    """Claims of every article, as a :class:`Report` without findings. ``attribution``:
    who decides each claim's speaker and modality (:data:`factcheck.extract.Attribution`);
    ``published``: as for :func:`check`."""
    started = time.perf_counter()
    articles, problems = load_inputs(inputs)
    articles = dated(articles, published)
    with _llm_for(llm, settings) as client:
        claims, extract_problems, counts = _extract_all(articles, client, progress, attribution)
        prompts = _extraction_prompt(claims)
        run = _run_info(client, prompts, started)
    return Report(
        articles=[ArticleInfo.of(a, counts.get(a.id, 0)) for a in articles],
        claims=claims,
        problems=problems + extract_problems,
        run=run,
    )


def check(
    inputs: Sequence[ArticleInput],
    *,
    settings: Settings | None = None,
    llm: LLM | None = None,
    previous_report: Path | None = None,
    progress: Progress | None = None,
    judge: JudgeChoice = "auto",
    attribution: Attribution = "auto",
    pair_judge: PairJudge | None = None,
    embedder: Embedder | None = None,
    published: Published | None = None,
) -> Report:
    """The whole pipeline: read, extract, reconcile; reviews carried over from
    ``previous_report`` (a Markdown report a reviewer has marked up).

    ``published``: the day the articles came out, for those that do not say (a web page's
    own metadata decides for it); "on Tuesday", "last year" and "earlier this year" are read
    against it, so dates told two ways can be compared. One day for all, or a day by
    article id (a file's name without its suffix).

    ``pair_judge`` and ``embedder`` replace the shipped contradiction model and MiniLM
    embedder (a worker that holds its own ONNX sessions, or a test's fakes); the judge's
    scores are cached under its fingerprint, an injected embedder's vectors are not cached.

    Each point of the story shown gets one LLM call for its label (checked; the parse's
    heading when the check fails). ``judge="model"``: the typed checks and the contradiction
    model decide every dispute. ``judge="llm"``: the LLM judge also decides each flagged
    point (one call each, :mod:`factcheck.comparison.judges.llm`), its decision shown with the
    earlier evidence beside it; a failed call keeps the earlier result and is counted.
    ``judge="auto"`` (the default) is ``llm`` on any backend but the embedded model.

    ``attribution``: who decides each claim's speaker and modality where the grammar leaves
    a choice: ``parse`` (rules over spaCy's parse, no call), ``llm`` (the LLM picks from the
    parse's candidates, one call a sentence), ``auto`` (the default): the parse on the
    embedded model, which is less accurate than the parse on the labelled set
    (``benchmarks/attribution.py``), the LLM on any other backend.
    """
    if judge not in ("auto", "model", "llm"):
        raise InputError(f"judge must be 'auto', 'model' or 'llm', not {judge!r}")
    started = time.perf_counter()
    articles, problems = load_inputs(inputs)
    articles = dated(articles, published)
    with _llm_for(llm, settings) as client:
        claims, extract_problems, counts = _extract_all(articles, client, progress, attribution)
        scorer: PairJudge = pair_judge or ModelJudge()
        vectors: Embedder | None = embedder
        if client.cache is not None:
            # Scores are cached under the judge's fingerprint; an injected embedder is the
            # caller's own, so only the shipped one's vectors go to the cache.
            scorer = CachedJudge(scorer, client.cache)
            if vectors is None and embeddings_available():
                vectors = CachedEmbedder(load_default_embedder, client.cache)
        elif vectors is None:
            vectors = load_default_embedder()
        reconciler = Reconciler(scorer, embedder=vectors)
        reconciled = reconciler.reconcile(claims, on_progress=progress)
        prompts = {**_extraction_prompt(claims), "contradiction_model": scorer.fingerprint}
        if reconciled.points:
            labelling = load_prompt(LABEL_PROMPT)
            reconciled.points, label_problems = label_points(
                reconciled.points, claims, client, labelling
            )
            reconciled.problems.extend(label_problems)
            prompts[LABEL_PROMPT] = labelling.hash
            heading = {p.id: p.heading for p in reconciled.points}
            reconciled.findings = [
                f.model_copy(update={"question": heading[f.point_id]})
                if f.point_id in heading
                else f
                for f in reconciled.findings
            ]
        if _llm_judges(judge, client) and any(p.flags for p in reconciled.points):
            judging = load_prompt(JUDGE_PROMPT)
            judged = judge_points(
                reconciled.points,
                reconciled.findings,
                reconciled.worth_a_look,
                claims,
                client,
                judging,
            )
            reconciled.points, reconciled.findings = judged.points, judged.findings
            reconciled.worth_a_look = judged.worth_a_look
            reconciled.problems.extend(judged.problems)
            reconciled.corroboration = _disputed_by(reconciled.corroboration, judged.findings)
            prompts[JUDGE_PROMPT] = judging.hash
        run = _run_info(client, prompts, started)
    report = Report(
        articles=[ArticleInfo.of(a, counts.get(a.id, 0)) for a in articles],
        claims=claims,
        points=reconciled.points,
        findings=reconciled.findings,
        worth_a_look=reconciled.worth_a_look,
        corroboration=reconciled.corroboration,
        problems=problems + extract_problems + reconciled.problems,
        run=run,
    )
    if previous_report is not None:
        report = _carry_reviews(report, previous_report)
    return report


def _llm_judges(judge: JudgeChoice, llm: LLM) -> bool:
    if judge == "auto":
        return llm.settings.resolved_backend() != "local"
    return judge == "llm"


def _disputed_by(support: list[ClaimSupport], findings: list[Finding]) -> list[ClaimSupport]:
    """Corroboration whose ``contradicted_by`` follows the findings after the judge."""
    by_claim: dict[str, list[str]] = {}
    for finding in findings:
        if finding.category != "compatible":
            for side in finding.sides:
                by_claim.setdefault(side.claim_id, []).append(finding.id)
    return [
        s.model_copy(update={"contradicted_by": sorted(set(by_claim.get(s.claim_id, [])))})
        for s in support
    ]


def rerender(json_report: str | Path, *, previous_report: Path | None = None) -> Report:
    """A saved JSON report, ready to render again: no model is started or called.

    Review decisions marked in ``previous_report`` (the Markdown rendered before)
    are carried over, as ``check`` does.
    """
    report = load_report(Path(json_report))
    if previous_report is not None:
        report = _carry_reviews(report, previous_report)
    return report


def _carry_reviews(report: Report, previous_report: Path) -> Report:
    # Reviews of findings this run no longer makes are kept, word for word, and named
    # under Problems; so are ticked boxes that are no decision.
    return apply_reviews(report, load_reviews(previous_report), source=str(previous_report))


def verify(
    draft: ArticleInput,
    against: Sequence[ArticleInput],
    *,
    settings: Settings | None = None,
    llm: LLM | None = None,
    progress: Progress | None = None,
) -> Report:
    """Check each claim of a draft against its sources: contradicted and
    unsupported claims, in the same :class:`Report` as ``check``."""
    started = time.perf_counter()
    drafts, problems = load_inputs([draft])
    sources, source_problems = load_inputs(against)
    if drafts[0].id in {s.id for s in sources}:
        raise InputError(f"the draft {drafts[0].id!r} is also among the sources")
    with _llm_for(llm, settings) as client:
        claims, extract_problems, _ = _extract_all(drafts, client, progress)
        judge = ModelJudge()
        result = verify_claims(claims, sources, judge)
        prompts = {**_extraction_prompt(claims), "contradiction_model": judge.fingerprint}
        run = _run_info(client, prompts, started)
    report = result.to_report(run, draft=drafts[0])
    return report.model_copy(
        update={"problems": problems + source_problems + extract_problems + report.problems}
    )


def evaluate_summedits(
    path: Path,
    *,
    limit: int | None = None,
    progress: Progress | None = None,
) -> EvalResult:
    """Balanced accuracy of the draft-vs-source check on SummEdits-format data.

    The check is the contradiction model's: no LLM is started or called.
    """

    def on_item(done: int, total: int) -> None:
        if progress:
            progress("items", done, total)

    return run_summedits(path, limit=limit, on_item=on_item)
