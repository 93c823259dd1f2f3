"""The command line: a thin layer over the library (``factcheck.api``)."""

from __future__ import annotations

import datetime
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from factcheck.errors import ConfigurationError, FactcheckError, InputError, OutputError
from factcheck.llm import Settings
from factcheck.outputs import check_outputs, write_text

if TYPE_CHECKING:
    from factcheck import api
    from factcheck.schemas import Report

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "app", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
"""A contradiction at or above --fail-on was found."""
EXIT_ERROR = 2
"""The run failed, or an article could not be read or extracted."""

app = typer.Typer(
    help="Check news articles about one event for contradictions, with an LLM.",
    pretty_exceptions_show_locals=False,
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)


class AttributeWith(StrEnum):
    auto = "auto"
    parse = "parse"
    llm = "llm"


AttributionOpt = Annotated[
    AttributeWith,
    typer.Option(
        help="Who decides each claim's speaker and modality where the grammar leaves a "
        "choice. parse: rules over the parse, no model call. llm: the LLM picks from the "
        "parse's candidates, one call a sentence. auto: parse on the embedded model (more "
        "accurate there, and about half the run's time saved), llm on any other backend."
    ),
]


class JudgeWith(StrEnum):
    auto = "auto"
    model = "model"
    llm = "llm"


def _resolved_judge(judge: JudgeWith, settings: Settings) -> Literal["model", "llm"]:
    """``auto`` as ``check`` reads it: the LLM judge unless the backend is the embedded one."""
    if judge is JudgeWith.auto:
        return "llm" if settings.resolved_backend() != "local" else "model"
    return "llm" if judge is JudgeWith.llm else "model"


class FailOn(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"
    never = "never"


class BackendChoice(StrEnum):
    auto = "auto"
    local = "local"
    openai = "openai"


PathsArg = Annotated[
    list[Path], typer.Argument(help="Article files (.txt, .md, .html) or directories of them.")
]
BackendOpt = Annotated[
    BackendChoice | None,
    typer.Option(help="auto: local unless a key or base URL is set.", envvar="FACTCHECK_BACKEND"),
]
ModelOpt = Annotated[str | None, typer.Option(help="Model name.", envvar="FACTCHECK_MODEL")]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(help="OpenAI-compatible server (Ollama, vLLM, llama.cpp).",
                 envvar="FACTCHECK_BASE_URL"),
]  # fmt: skip
ConcurrencyOpt = Annotated[
    int | None, typer.Option(help="Model calls in flight at once.", envvar="FACTCHECK_CONCURRENCY")
]
TimeoutOpt = Annotated[
    float | None, typer.Option(help="Seconds per model call.", envvar="FACTCHECK_TIMEOUT")
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Bypass the response cache.")]
HtmlOpt = Annotated[
    Path | None,
    typer.Option("--html", help="Also write the report as one self-contained HTML page here."),
]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Log model calls.")]
OutOpt = Annotated[Path, typer.Option(help="Markdown report to write.")]
JsonOutOpt = Annotated[Path | None, typer.Option("--json", help="Also write JSON here.")]
FailOnOpt = Annotated[
    FailOn, typer.Option(help="Exit 1 when a contradiction of this severity or worse is found.")
]


def _settings(
    backend: BackendChoice | None,
    model: str | None,
    base_url: str | None,
    concurrency: int | None,
    timeout: float | None,
    no_cache: bool,
) -> Settings:
    # Flags were already merged with their env vars by typer; Settings reads the rest.
    return Settings.from_env(
        backend=backend.value if backend else None,
        model=model,
        base_url=base_url,
        concurrency=concurrency,
        timeout_s=timeout,
        use_cache=False if no_cache else None,
    )


@contextmanager
def _progress(enabled: bool, *, eta: bool = False) -> Iterator[api.Progress | None]:
    """A bar per stage; with ``eta`` (the long runs: cluster, the day), a time-remaining
    column too, and a stage reported with total 0 is a running count."""
    if not enabled:
        yield None
        return
    columns: list[ProgressColumn] = [
        TextColumn("{task.description:<12}" if eta else "{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    if eta:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, object] = {}

        def update(stage: str, done: int, total: int) -> None:
            size = (total or None) if eta else total
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=size)
            bar.update(tasks[stage], completed=done, total=size)  # type: ignore[arg-type]

        yield update


def _fail(exc: FactcheckError) -> typer.Exit:
    kind = (
        "configuration"
        if isinstance(exc, ConfigurationError)
        else "input"
        if isinstance(exc, InputError)
        else "output"
        if isinstance(exc, OutputError)
        else "model"
    )
    # The message is text, not markup: "pip install '.[scale]'" must print its brackets.
    err.print(f"[bold red]error[/] ({kind}): {escape(str(exc))}")
    return typer.Exit(EXIT_ERROR)


def _has_failed_articles(report: Report) -> bool:
    lost = ("unreadable_input", "extraction_failed", "claim_invalid")
    return any(p.kind in lost for p in report.problems)


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


@app.command(
    epilog="Example: factcheck check seeds/ --out report.md --json report.json --html report.html"
)
def check(
    paths: PathsArg,
    out: OutOpt = Path("report.md"),
    json_out: JsonOutOpt = None,
    html_out: HtmlOpt = None,
    fail_on: FailOnOpt = FailOn.high,
    judge: Annotated[
        JudgeWith,
        typer.Option(
            help="Who decides the flagged points of the story. model: the typed checks and "
            "the contradiction model. llm: an LLM judge, one call per flagged point, its "
            "decision shown beside their evidence. auto: llm unless the backend is the "
            "embedded model."
        ),
    ] = JudgeWith.auto,
    attribution: AttributionOpt = AttributeWith.auto,
    date: Annotated[
        datetime.datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="The day the articles were published (YYYY-MM-DD), for those that do not "
            "say: 'on Tuesday' and 'last year' are read against it.",
        ),
    ] = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    concurrency: ConcurrencyOpt = None,
    timeout: TimeoutOpt = None,
    no_cache: NoCacheOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Extract claims from every article, reconcile them, and write the consistency report.

    Decisions a reviewer marked in an existing --out report are kept.
    Exit codes: 0 clean, 1 contradictions at or above --fail-on, 2 errors.
    """
    _setup_logging(verbose)
    try:
        from factcheck import api  # not loaded for --help
        from factcheck.ingest.reader import ARTICLE_SUFFIXES

        # Before the run: a bad --out must not cost the minutes of a check.
        check_outputs(
            {"--out": out, "--json": json_out, "--html": html_out},
            inputs=paths,
            read_from_folders=ARTICLE_SUFFIXES,
        )
        settings = _settings(backend, model, base_url, concurrency, timeout, no_cache)
        with _progress(err.is_terminal) as progress:
            report = api.check(
                paths,
                settings=settings,
                previous_report=_previous(out),
                progress=progress,
                judge=judge.value,
                attribution=attribution.value,
                published=date.date() if date else None,
            )
    except FactcheckError as exc:
        raise _fail(exc) from None
    _finish(report, out, json_out, html_out, fail_on)


def _previous(out: Path) -> Path | None:
    """The Markdown report at ``out`` whose review decisions a re-run keeps, if any."""
    from factcheck.ingest.reader import MAX_REPORT_BYTES, check_input_file

    if not out.exists():
        return None
    check_input_file(out, max_bytes=MAX_REPORT_BYTES, what="previous report")
    return out


def _write(report: Report, out: Path, json_out: Path | None, html_out: Path | None) -> None:
    """Every output rendered before the first is written; each written atomically."""
    from factcheck.report import render_html, render_json, render_markdown

    texts = [(out, render_markdown(report))]
    if json_out:
        texts.append((json_out, render_json(report)))
    if html_out:
        texts.append((html_out, render_html(report)))
    for path, text in texts:
        write_text(path, text)


def _shown(path: Path) -> str:
    """A path in a Rich message, as written: ``notes[draft].md`` is no markup."""
    return escape(str(path))


def _finish(
    report: Report, out: Path, json_out: Path | None, html_out: Path | None, fail_on: FailOn
) -> None:
    """Write the outputs, summarise, and exit with the gating code."""
    from factcheck.schemas import SEVERITY_ORDER

    try:
        _write(report, out, json_out, html_out)
    except FactcheckError as exc:
        raise _fail(exc) from None
    contradictions = report.contradictions()
    err.print(
        f"{len(report.articles)} articles, {len(report.claims)} claims, "
        f"{len(contradictions)} contradictions, {len(report.tensions())} tensions, "
        f"{len(report.problems)} problems -> {_shown(out)}"
    )
    if _has_failed_articles(report):
        raise typer.Exit(EXIT_ERROR)
    if fail_on is not FailOn.never:
        threshold = SEVERITY_ORDER[fail_on.value]  # type: ignore[index]
        if any(SEVERITY_ORDER[f.severity] >= threshold for f in contradictions):
            raise typer.Exit(EXIT_FINDINGS)


@app.command(
    "report", epilog="Example: factcheck report report.json --out report.md --html report.html"
)
def report_command(
    json_in: Annotated[Path, typer.Argument(help="A JSON report written by check or verify.")],
    out: OutOpt = Path("report.md"),
    html_out: HtmlOpt = None,
) -> None:
    """Render a saved JSON report again, as Markdown and optionally HTML, without running
    any model. Decisions a reviewer marked in an existing --out report are kept."""
    try:
        from factcheck import api  # not loaded for --help
        from factcheck.ingest.reader import MAX_REPORT_BYTES, check_input_file

        check_input_file(json_in, max_bytes=MAX_REPORT_BYTES, what="JSON report")
        check_outputs({"--out": out, "--html": html_out}, inputs=[json_in])
        report = api.rerender(json_in, previous_report=_previous(out))
        _write(report, out, None, html_out)
    except FactcheckError as exc:
        raise _fail(exc) from None
    written = f"{_shown(out)} and {_shown(html_out)}" if html_out else _shown(out)
    err.print(
        f"{len(report.contradictions())} disputes, {len(report.tensions())} tensions, "
        f"{len(report.problems)} problems -> {written}"
    )


@app.command(epilog="Example: factcheck extract seeds/ --json claims.json")
def extract(
    paths: PathsArg,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the claims as JSON here.")
    ] = None,
    attribution: AttributionOpt = AttributeWith.auto,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    concurrency: ConcurrencyOpt = None,
    timeout: TimeoutOpt = None,
    no_cache: NoCacheOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Extract source-grounded, attributed claims from each article."""
    _setup_logging(verbose)
    try:
        from factcheck import api  # not loaded for --help
        from factcheck.ingest.reader import ARTICLE_SUFFIXES

        check_outputs({"--json": json_out}, inputs=paths, read_from_folders=ARTICLE_SUFFIXES)
        settings = _settings(backend, model, base_url, concurrency, timeout, no_cache)
        with _progress(err.is_terminal) as progress:
            report = api.extract(
                paths, settings=settings, progress=progress, attribution=attribution.value
            )
        if json_out:
            from factcheck.report import render_json

            write_text(json_out, render_json(report))
    except FactcheckError as exc:
        raise _fail(exc) from None
    out = Console()
    for info in report.articles:
        out.print(
            f"[bold]{escape(info.id)}[/]  {escape(info.title)}  ({info.claims} claims)",
            highlight=False,
        )
        for claim in (c for c in report.claims if c.article_id == info.id):
            out.print(
                f"  - {escape(f'[{claim.modality}]')} {escape(claim.attributed_to)}: "
                f"{escape(claim.statement)}  [dim]@{claim.char_start}-{claim.char_end}[/]",
                highlight=False,
            )
    for problem in report.problems:
        err.print(f"[yellow]problem[/] ({problem.kind}): {escape(problem.message)}")
    if _has_failed_articles(report):
        raise typer.Exit(EXIT_ERROR)


@app.command(
    epilog="Example: factcheck verify draft.md --against seeds/ --out verify.md --fail-on medium"
)
def verify(
    draft: Annotated[Path, typer.Argument(help="The new text to check.")],
    against: Annotated[
        list[Path], typer.Option(help="Source articles or directories (repeatable).")
    ],
    out: OutOpt = Path("verify.md"),
    json_out: JsonOutOpt = None,
    html_out: HtmlOpt = None,
    fail_on: FailOnOpt = FailOn.high,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    concurrency: ConcurrencyOpt = None,
    timeout: TimeoutOpt = None,
    no_cache: NoCacheOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Check each claim of a draft against the reports it relies on.

    Contradicted claims become findings; claims no source states are listed as
    single-source. Exit codes as for `check`.
    """
    _setup_logging(verbose)
    try:
        from factcheck import api  # not loaded for --help
        from factcheck.ingest.reader import ARTICLE_SUFFIXES

        check_outputs(
            {"--out": out, "--json": json_out, "--html": html_out},
            inputs=[draft, *against],
            read_from_folders=ARTICLE_SUFFIXES,
        )
        settings = _settings(backend, model, base_url, concurrency, timeout, no_cache)
        with _progress(err.is_terminal) as progress:
            report = api.verify(draft, against, settings=settings, progress=progress)
    except FactcheckError as exc:
        raise _fail(exc) from None
    _finish(report, out, json_out, html_out, fail_on)


TextArg = Annotated[str, typer.Argument(help="Text, or @FILE to read an article file.")]


def _text(value: str) -> str:
    from factcheck import api

    return api.read_text(value[1:]) if value.startswith("@") else value


@app.command(
    epilog='Example: factcheck compare @seeds/001_b8649be1d7d7a2c6.txt "The talks were cancelled."'
)
def compare(
    a: TextArg,
    b: TextArg,
    json_out: Annotated[bool, typer.Option("--json", help="Print the verdict as JSON.")] = False,
) -> None:
    """What text A (a sentence or a whole article) says about statement B.

    Prints the label (entailment, neutral or contradiction) and the three probabilities of
    the contradiction model that ships with factcheck: offline, no LLM. A longer than the
    model's window is read in sentence windows; the deciding window is shown.
    """
    try:
        from factcheck import api  # not loaded for --help

        premise = _text(a)
        verdict = api.compare(premise, _text(b))
    except FactcheckError as exc:
        raise _fail(exc) from None
    if json_out:
        typer.echo(verdict.model_dump_json(indent=2))
        return
    typer.echo(
        f"{verdict.label}  entailment {verdict.entailment:.3f}  neutral {verdict.neutral:.3f}  "
        f"contradiction {verdict.contradiction:.3f}"
    )
    if verdict.windows > 1:
        evidence = " ".join(premise[verdict.evidence_start : verdict.evidence_end].split())
        typer.echo(f"deciding window (1 of {verdict.windows}): {evidence}")


eval_app = typer.Typer(help="Measure accuracy on labelled data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command(
    "summedits",
    epilog="Example: factcheck eval summedits ../shared/data/summedits/news_dev.jsonl --limit 20",
)
def eval_summedits(
    path: Annotated[Path, typer.Argument(help="SummEdits-format JSONL (doc, summary, label).")],
    limit: Annotated[
        int | None, typer.Option(help="Evaluate a label-stratified sample of this size.")
    ] = None,
    verbose: VerboseOpt = False,
) -> None:
    """Balanced accuracy of the draft-vs-source check (the contradiction model, no LLM call),
    by edit type, with time."""
    from factcheck.evaluation import format_table

    _setup_logging(verbose)
    try:
        from factcheck import api  # not loaded for --help
        from factcheck.ingest.reader import MAX_DATA_BYTES, check_input_file

        check_input_file(path, max_bytes=MAX_DATA_BYTES, what="data file")
        with _progress(err.is_terminal) as progress:
            result = api.evaluate_summedits(path, limit=limit, progress=progress)
    except FactcheckError as exc:
        raise _fail(exc) from None
    Console().print(format_table(result), highlight=False, markup=False)


@app.command(epilog="Example: factcheck schemas --out schemas/")
def schemas(
    out: Annotated[Path, typer.Option(help="Directory for the JSON Schema files.")] = Path(
        "schemas"
    ),
) -> None:
    """Export the JSON Schemas of the public records (article, claim, finding, verdict, report)."""
    from factcheck.schemas.export import PUBLIC_SCHEMAS, render_schema

    try:
        if out.exists() and not out.is_dir():
            raise OutputError(f"--out {out} is a file; name a folder for the schema files")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"--out {out}: the folder cannot be made ({exc.strerror})") from None
        files = {out / f"{name}.schema.json": model for name, model in PUBLIC_SCHEMAS.items()}
        check_outputs({str(path.name): path for path in files})
        for path, model in files.items():
            write_text(path, render_schema(model))
            err.print(f"wrote {_shown(path)}")
    except FactcheckError as exc:
        raise _fail(exc) from None


# -- a newsroom's day: cluster, batch, cache merge ----------------------------------------
class EngineChoice(StrEnum):
    local = "local"
    ray = "ray"


QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bars (none either when not a terminal).")
]


@app.command(
    epilog="Example: factcheck cluster feed.jsonl --out stories.jsonl; later the same day: "
    "factcheck cluster feed.jsonl --into stories.jsonl"
)
def cluster(
    feed: Annotated[
        Path, typer.Argument(help="JSONL of articles (id, outlet, date, title, text) or a folder.")
    ],
    out: Annotated[
        Path | None,
        typer.Option(help="Stories as JSONL (default: stories.jsonl, or the --into file)."),
    ] = None,
    into: Annotated[
        Path | None,
        typer.Option(
            help="Stories written before: the feed's new articles join them or open new "
            "stories; the stories there keep their ids and are not regrouped."
        ),
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            help="Least average probability (of the pair scorer) that joins two groups; "
            "default: the cross-validated one shipped with the scorer."
        ),
    ] = None,
    window_days: Annotated[
        int | None, typer.Option(help="Articles further apart in days never share a story.")
    ] = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Group a feed into stories: articles of several outlets about one event.

    An article with no title, no text, no id, a bad date or an id seen before is set
    aside with a line naming it, and the rest is grouped. Exit codes: 0 every article
    grouped, 2 an article was set aside (the stories are written all the same) or the run
    failed.
    """
    from dataclasses import replace

    from factcheck.newsday import ClusterSettings, cluster_feed, extend_stories, write_stories
    from factcheck.newsday.feed import read_stories
    from factcheck.newsday.intake import read_feed_leniently
    from factcheck.newsday.vectors import CACHE_FILE

    config = ClusterSettings()
    if threshold is not None:
        config = replace(config, threshold=threshold)
    if window_days is not None:
        config = replace(config, window_days=window_days)
    target = out or into or Path("stories.jsonl")
    try:
        cache_path = None if no_cache else Settings.from_env().cache_dir / CACHE_FILE
        articles, aside = read_feed_leniently(feed)
        for problem in aside:
            err.print(f"[yellow]problem[/]: {escape(str(problem))}")
        before = read_stories(into) if into is not None and into.exists() else []
        with _progress(err.is_terminal and not quiet, eta=True) as progress:
            if into is not None:
                stories = extend_stories(
                    before, articles, settings=config, progress=progress, cache_path=cache_path
                )
            else:
                stories = cluster_feed(
                    articles, settings=config, progress=progress, cache_path=cache_path
                )
    except FactcheckError as exc:
        raise _fail(exc) from None
    write_stories(stories, target)
    several = sum(1 for s in stories if len(s.articles) > 1)
    kept = f", {len(before)} of them from {into}" if into is not None else ""
    err.print(
        f"{len(articles)} articles -> {len(stories)} stories ({several} of several articles"
        f"{kept}) -> {target}" + (f"; {len(aside)} set aside" if aside else "")
    )
    if aside:
        raise typer.Exit(EXIT_ERROR)


@app.command(
    epilog="Example: factcheck batch feed.jsonl --out day/ --engine ray --workers 4",
)
def batch(
    feed: Annotated[
        Path,
        typer.Argument(help="A feed (JSONL or folder), or the stories `cluster` wrote."),
    ],
    out: Annotated[Path, typer.Option(help="Folder for the reports and the desk view.")],
    engine: Annotated[
        EngineChoice, typer.Option(help="local: in this process. ray: on Ray Data.")
    ] = EngineChoice.local,
    workers: Annotated[int, typer.Option(min=1, help="Ray workers (actors).")] = 2,
    address: Annotated[
        str | None, typer.Option(help="A Ray cluster's address; default: Ray on this machine.")
    ] = None,
    batch_api: Annotated[
        bool,
        typer.Option(
            "--batch-api",
            help="Extraction through the OpenAI Batch API first (half price, within 24 h).",
        ),
    ] = False,
    poll: Annotated[float, typer.Option(help="Seconds between Batch API polls.")] = 60.0,
    export_only: Annotated[
        bool,
        typer.Option(
            "--export-requests",
            help="Only write the extraction requests the cache lacks to OUT/batch/"
            "requests.jsonl (for vllm run-batch; then `factcheck cache fold`), and stop.",
        ),
    ] = False,
    judge: Annotated[JudgeWith, typer.Option(help="As for `check`.")] = JudgeWith.auto,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    concurrency: ConcurrencyOpt = None,
    timeout: TimeoutOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Check a day: cluster the feed, check each story, write each story's report and the
    desk view (desk.md, desk.html), most disputed story first.

    As with `cluster`, an article with no title, no text, no id, a bad date or an id seen
    before is set aside with a line naming it, and the rest is checked. Exit codes: 0 every
    article grouped and every story checked, 2 an article was set aside (the day is
    written all the same), a story failed or the run did.
    """
    from factcheck.newsday import check_day, export_day, load_stories, run_batch_job
    from factcheck.newsday.run import check_day_paths
    from factcheck.newsday.vectors import CACHE_FILE as CLUSTER_CACHE

    _setup_logging(verbose)
    try:
        check_day_paths(feed, out)
        settings = _settings(backend, model, base_url, concurrency, timeout, no_cache)
        cache_path = settings.cache_dir / CLUSTER_CACHE if settings.use_cache else None
        with _progress(err.is_terminal and not quiet, eta=True) as progress:
            stories, aside = load_stories(feed, progress=progress, cache_path=cache_path)
            for problem in aside:
                err.print(f"[yellow]problem[/]: {escape(str(problem))}")
            if export_only:
                exported = export_day(stories, out, settings)
                err.print(
                    f"{exported.requests} requests ({exported.cached} already cached) "
                    f"-> {_shown(exported.path)}"
                    + (f"; {len(aside)} articles set aside" if aside else "")
                )
                if aside:
                    raise typer.Exit(EXIT_ERROR)
                return
            if batch_api:

                def on_poll(state: object) -> None:
                    counts = getattr(state, "request_counts", None)
                    if progress and counts is not None:
                        done, total = counts.completed or 0, counts.total or 0
                        progress("batch", int(done), int(total))

                job = run_batch_job(stories, out, settings, poll_s=poll, on_poll=on_poll)
                err.print(
                    f"Batch API: {job.exported.requests} requests ({job.exported.cached} "
                    f"already cached), batch {job.batch_id or '-'} {job.status or ''}"
                )
            day = check_day(
                stories,
                out,
                settings,
                engine=engine.value,
                workers=workers,
                address=address,
                judge=_resolved_judge(judge, settings),
                progress=progress,
            )
    except FactcheckError as exc:
        raise _fail(exc) from None
    usage = day.usage
    err.print(
        f"{len(day.stories)} stories, {len(day.failed)} failed, {usage.calls} model calls, "
        f"{usage.cache_hits} cache hits, {day.seconds:.1f} s -> {_shown(day.desk[0])}"
        + (f"; {len(aside)} articles set aside" if aside else "")
    )
    for outcome in day.failed:
        err.print(
            f"[yellow]story {escape(outcome.story_id)} failed[/]: {escape(outcome.error or '')}"
        )
    if day.failed or aside:
        raise typer.Exit(EXIT_ERROR)


cache_app = typer.Typer(help="The response cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command(
    "fold",
    epilog="Example: factcheck cache fold day/batch/output.jsonl "
    "--requests day/batch/requests.jsonl",
)
def cache_fold(
    output: Annotated[Path, typer.Argument(help="A batch output JSONL (OpenAI or vLLM).")],
    requests: Annotated[Path, typer.Option(help="The requests file it answers.")],
) -> None:
    """Fold a batch job's answers into the response cache, by custom_id (the cache key).

    Every line is checked first: one that is not a well-formed answer to one of the
    requests is reported with its reason, and then nothing is folded (exit 2).
    """
    from factcheck.newsday import fold_file

    try:
        folded = fold_file(output, requests, Settings.from_env())
    except FactcheckError as exc:
        raise _fail(exc) from None
    err.print(
        f"{folded.answered} answers folded into the cache, {folded.failed} failed "
        "(asked again by the next run)"
    )


@cache_app.command("merge", epilog="Example: factcheck cache merge")
def cache_merge() -> None:
    """Fold the shards batch workers wrote into the main cache (answers already there stay)."""
    from factcheck.newsday import merge_cache

    try:
        merged = merge_cache(Settings.from_env())
    except FactcheckError as exc:
        raise _fail(exc) from None
    err.print(
        f"{merged.shards} shards merged: {merged.added} answers added, "
        f"{merged.already} already in the cache"
    )


def main() -> None:
    app()
