"""A hand-built report on Zelenskyy's NATO bid, shared by the report tests.

Three short articles in the style of the seed articles, claims whose quotes
really sit at their offsets (checked below), and the findings, points and
corroboration the reconciler would produce from them.
"""

from __future__ import annotations

from factcheck.comparison import side_of
from factcheck.comparison.align.points import statement_of
from factcheck.schemas import (
    Article,
    ArticleInfo,
    Claim,
    ClaimSupport,
    Finding,
    Modality,
    Point,
    PointFlag,
    PointJudgement,
    Problem,
    Report,
    RunInfo,
    Sentence,
    Usage,
    WorthALook,
    claim_id,
    finding_id,
)

TEXTS = {
    "kyiv-wire": (
        "Zelenskyy announces Ukraine will drop NATO bid\n"
        "Ukraine's President Volodymyr Zelenskyy has announced that Kyiv will relinquish "
        "its ambition to join NATO in exchange for security guarantees.\n"
        'He wants "Article 5-like guarantees for us from the US", he told reporters.\n'
        "Officials described the Berlin sessions with US envoy Steve Witkoff as productive.\n"
        "Zelenskyy firmly rejected any territorial concessions to Russia.\n"
    ),
    "atlantic-desk": (
        "Zelenskyy says willing to drop NATO membership bid ahead of peace talks\n"
        "President Volodymyr Zelenskyy has indicated a willingness to consider abandoning "
        "Ukraine's pursuit of NATO membership in exchange for credible security guarantees.\n"
        "The security arrangements currently under consideration would not reach the level "
        "of NATO's Article 5 protections.\n"
        "Zelenskyy rejected any territorial concessions to Russia, his office said.\n"
        "Analysts speculate the guarantees could involve the United States, the United "
        "Kingdom and key European Union member states.\n"
    ),
    "berlin-bulletin": (
        "Berlin talks: Kyiv wants Article 5 in all but name\n"
        "Kyiv demands guarantees mirroring Article 5 of the NATO treaty, Zelenskyy told "
        "reporters via WhatsApp.\n"
        "The draft on the table in Berlin offers bilateral assurances, not a mutual-defence "
        "clause.\n"
        "Zelenskyy again rejected territorial concessions.\n"
        "Talks with Steve Witkoff and Jared Kushner continued on Monday.\n"
    ),
}


def article(article_id: str) -> Article:
    text = TEXTS[article_id]
    sentences, start = [], 0
    for number, line in enumerate(text.splitlines(), start=1):
        sentences.append(
            Sentence(
                index=number, char_start=start, char_end=start + len(line), line=number, text=line
            )
        )
        start += len(line) + 1
    return Article(
        id=article_id,
        title=text.splitlines()[0],
        source_path=f"inputs/{article_id}.txt",
        text=text,
        sentences=sentences[1:],
    )


def claim(article_id: str, statement: str, quote: str, speaker: str, modality: Modality) -> Claim:
    source = article(article_id)
    start = source.text.index(quote)
    end = start + len(quote)
    return Claim.model_validate(
        {
            "id": claim_id(article_id, start, end, statement),
            "article_id": article_id,
            "statement": statement,
            "quote": quote,
            "char_start": start,
            "char_end": end,
            "line": source.line_of(start),
            "attributed_to": speaker,
            "modality": modality,
        },
        context={"article_text": source.text},
    )


def build_report() -> Report:
    """A fresh report every call, so a test may change it freely."""
    announced = claim(
        "kyiv-wire",
        "Zelenskyy announced that Ukraine will give up its bid to join NATO in exchange "
        "for security guarantees.",
        "has announced that Kyiv will relinquish its ambition to join NATO in exchange for "
        "security guarantees",
        "Volodymyr Zelenskyy",
        "asserted",
    )
    like_article5 = claim(
        "kyiv-wire",
        "Zelenskyy said the US guarantees would be like NATO's Article 5.",
        '"Article 5-like guarantees for us from the US"',
        "Volodymyr Zelenskyy",
        "reported",
    )
    witkoff = claim(
        "kyiv-wire",
        "Officials described the Berlin sessions with US envoy Steve Witkoff as productive.",
        "Officials described the Berlin sessions with US envoy Steve Witkoff as productive",
        "officials",
        "reported",
    )
    no_land_1 = claim(
        "kyiv-wire",
        "Zelenskyy rejected any territorial concessions to Russia.",
        "Zelenskyy firmly rejected any territorial concessions to Russia",
        "Volodymyr Zelenskyy",
        "asserted",
    )
    considering = claim(
        "atlantic-desk",
        "Zelenskyy is willing to consider abandoning Ukraine's NATO bid in exchange for "
        "security guarantees.",
        "has indicated a willingness to consider abandoning Ukraine's pursuit of NATO membership",
        "Volodymyr Zelenskyy",
        "hedged",
    )
    short_of_article5 = claim(
        "atlantic-desk",
        "The security arrangements under consideration would not reach the level of NATO's "
        "Article 5.",
        "would not reach the level of NATO's Article 5 protections",
        "the outlet",
        "asserted",
    )
    no_land_2 = claim(
        "atlantic-desk",
        "Zelenskyy rejected any territorial concessions to Russia.",
        "Zelenskyy rejected any territorial concessions to Russia, his office said",
        "Zelenskyy's office",
        "reported",
    )
    analysts = claim(
        "atlantic-desk",
        "Analysts speculate the guarantees could involve the US, the UK and key EU states.",
        "Analysts speculate the guarantees could involve the United States",
        "unnamed analysts",
        "speculative",
    )
    demands = claim(
        "berlin-bulletin",
        "Kyiv demands security guarantees that mirror NATO's Article 5.",
        "Kyiv demands guarantees mirroring Article 5 of the NATO treaty",
        "Volodymyr Zelenskyy",
        "demand",
    )
    draft = claim(
        "berlin-bulletin",
        "The draft on the table in Berlin offers bilateral assurances, not a mutual-defence "
        "clause.",
        "The draft on the table in Berlin offers bilateral assurances, not a mutual-defence clause",
        "the outlet",
        "asserted",
    )
    no_land_3 = claim(
        "berlin-bulletin",
        "Zelenskyy rejected territorial concessions.",
        "Zelenskyy again rejected territorial concessions",
        "the outlet",
        "asserted",
    )
    kushner = claim(
        "berlin-bulletin",
        "Talks with Steve Witkoff and Jared Kushner continued on Monday.",
        "Talks with Steve Witkoff and Jared Kushner continued on Monday",
        "the outlet",
        "asserted",
    )
    claims = [
        announced,
        like_article5,
        witkoff,
        no_land_1,
        considering,
        short_of_article5,
        no_land_2,
        analysts,
        demands,
        draft,
        no_land_3,
        kushner,
    ]

    q_drop = "Has Ukraine decided to give up its bid to join NATO?"
    q_article5 = "Would the security guarantees on offer equal NATO's Article 5?"

    def where(*cs: Claim) -> list[tuple[str, int, int]]:
        return [(c.article_id, c.char_start, c.char_end) for c in cs]

    degree = Finding(
        # Ids minted by an older version (kind "degree"), as a reviewed report carries them.
        id=finding_id("degree", where(like_article5, short_of_article5)),
        category="contradiction",
        kind="factual",
        severity="high",
        probability=0.9,
        question=q_article5,
        explanation=(
            "Side A, kyiv-wire (Volodymyr Zelenskyy, reported), and side B, atlantic-desk "
            "(the outlet, asserted), give accounts that cannot both be true. The LLM judge: "
            "one puts the guarantees on a par with Article 5, the other short of it."
        ),
        method="llm_judge",
        flagged_by="contradiction_model",
        cited=["Article 5-like guarantees", "would not reach the level of NATO's Article 5"],
        sides=[side_of(like_article5, 0), side_of(short_of_article5, 1)],
    )
    certainty = Finding(
        id=finding_id("certainty", where(announced, considering)),
        category="contradiction",
        kind="certainty",
        severity="medium",
        probability=0.62,
        question=q_drop,
        explanation=(
            "Side A, kyiv-wire (Volodymyr Zelenskyy, asserted), and side B, atlantic-desk "
            "(Volodymyr Zelenskyy, hedged), state the same point with different certainty: "
            "one as settled, the other only as possible or under consideration."
        ),
        method="certainty_check",
        sides=[side_of(announced, 0), side_of(considering, 1)],
    )
    # An older report's finding, from the LLM judge: no model probability, and the
    # judge's own explanation, which the report shows as written.
    tension = Finding(
        id=finding_id("degree", where(short_of_article5, demands)),
        category="tension",
        kind="factual",
        severity="low",
        question=q_article5,
        explanation=(
            f'Asked "{q_article5}", atlantic-desk (the outlet) says no and berlin-bulletin '
            "(Volodymyr Zelenskyy) says yes. Not necessarily an error: berlin-bulletin reports "
            "what Volodymyr Zelenskyy wants or judges (demand), atlantic-desk what the outlet "
            "presents as the situation."
        ),
        method="llm_judge",
        sides=[side_of(short_of_article5, 0), side_of(demands, 1)],
    )

    points = [
        Point(
            id="P-7d1e0a52",
            heading="How the guarantees compare with NATO's Article 5",
            heading_by="llm",
            statements=[statement_of(c) for c in (like_article5, short_of_article5, demands)],
            flags=[
                PointFlag(
                    flag="worth_a_look",
                    claim_ids=[like_article5.id, short_of_article5.id],
                    detail="model probability 0.90",
                    probability=0.9,
                ),
                PointFlag(flag="dispute", finding_id=degree.id, detail="factual"),
                PointFlag(flag="tension", finding_id=tension.id, detail="factual"),
            ],
            judgement=PointJudgement(
                decision="contradiction",
                kind="factual",
                point_at_issue=q_article5,
                explanation="One puts the guarantees on a par with Article 5, the other short "
                "of it.",
                quote_a="Article 5-like guarantees",
                quote_b="would not reach the level of NATO's Article 5",
                claim_a=like_article5.id,
                claim_b=short_of_article5.id,
                model="gpt-4o-mini",
            ),
        ),
        Point(
            id="P-1c9b44f0",
            heading="Whether Ukraine gives up its bid to join NATO",
            heading_by="parse",
            statements=[statement_of(c) for c in (announced, considering)],
            silent=["berlin-bulletin"],
            flags=[
                PointFlag(
                    flag="certainty_difference",
                    claim_ids=[announced.id, considering.id],
                    detail="one proposition put as settled and as possible",
                    probability=0.62,
                ),
                PointFlag(flag="dispute", finding_id=certainty.id, detail="certainty"),
            ],
        ),
        Point(
            id="P-a03e5b17",
            heading="Zelenskyy rejected territorial concessions",
            heading_by="llm",
            statements=[statement_of(c) for c in (no_land_1, no_land_2, no_land_3)],
        ),
    ]

    def support(c: Claim, *backers: Claim, disputed: tuple[Finding, ...] = ()) -> ClaimSupport:
        return ClaimSupport(
            claim_id=c.id,
            article_id=c.article_id,
            supporting_article_ids=sorted({b.article_id for b in backers}),
            supporting_claim_ids=sorted(b.id for b in backers),
            contradicted_by=sorted(f.id for f in disputed),
        )

    corroboration = [
        support(announced, disputed=(certainty,)),
        support(like_article5, demands, disputed=(degree,)),
        support(witkoff),
        support(no_land_1, no_land_2, no_land_3),
        support(considering, disputed=(certainty,)),
        support(short_of_article5, disputed=(degree, tension)),
        support(no_land_2, no_land_1, no_land_3),
        support(analysts),
        support(demands, like_article5, disputed=(tension,)),
        support(draft),
        support(no_land_3, no_land_1, no_land_2),
        support(kushner),
    ]

    problems = [
        Problem(
            kind="extraction_partial",
            message="2 of 6 sentences of atlantic-desk got no answer from the model (the rest "
            "did): sentence 5: timed out; sentence 6: timed out",
            article_id="atlantic-desk",
            count=2,
        ),
        Problem(
            kind="unreadable_input",
            message="no article text found (a live-blog page with only navigation); save the "
            "article's text to a file and pass that instead.",
            path="inputs/liveblog.html",
        ),
        Problem(
            kind="duplicate_input",
            message="same text as kyiv-wire; read once.",
            path="inputs/kyiv-wire-copy.txt",
        ),
        Problem(
            kind="suspicious_input",
            message="a line reads like an instruction to the model ('ignore previous "
            "instructions'); it was kept as article text, not obeyed.",
            article_id="berlin-bulletin",
        ),
    ]

    per_article = {a: sum(c.article_id == a for c in claims) for a in TEXTS}
    return Report(
        articles=[ArticleInfo.of(article(a), claims=per_article[a]) for a in TEXTS],
        claims=claims,
        points=points,
        findings=[degree, certainty, tension],
        worth_a_look=[
            WorthALook(
                id="W-5a1e0c3d",
                probability=0.71,
                sides=[side_of(no_land_2, 0), side_of(kushner, 1)],
            )
        ],
        corroboration=corroboration,
        problems=problems,
        run=RunInfo(
            factcheck_version="0.1.0",
            backend="local",
            model="qwen2.5-coder-1.5b-instruct-q4_k_m",
            prompts={
                "extract_claims": "3f1c2a9be0d47c15e2a8f6b0c9d1e7a4",
                "contradiction_model": "factcheck-nli-minilm-l6@9f922adf7280",
            },
            usage={
                "extract": Usage(calls=3, prompt_tokens=4812, completion_tokens=1630),
                "reconcile": Usage(
                    calls=11,
                    cache_hits=2,
                    prompt_tokens=3954,
                    completion_tokens=212,
                    failed_calls=1,
                ),
            },
            wall_seconds=84.37,
        ),
    )


def test_sample_claims_are_grounded_in_their_articles() -> None:
    report = build_report()
    for c in report.claims:
        assert TEXTS[c.article_id][c.char_start : c.char_end] == c.quote
    assert {f.category for f in report.findings} == {"contradiction", "tension"}
