"""What the parse reads in each sentence (speakers, fragments, forecasts, quotations) and the
speaker candidates it gives, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from spacy.language import Language

from factcheck.extract.sentence_reading import SentenceReadings, read_sentences, sentence_candidates
from factcheck.extract.speakers import SpeakerRoster
from factcheck.parse import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _candidates(nlp: Language, *texts: str) -> list[list[str]]:
    """The speakers offered for each sentence, the outlet first."""
    numbered = list(enumerate(texts, start=1))
    parsed = read_sentences(nlp, numbered)
    roster = SpeakerRoster((m.name, m.kind) for m in parsed.mentions)
    return [
        [c.speaker for c in sc.candidates] for sc in sentence_candidates(numbered, parsed, roster)
    ]


def _shown(nlp: Language, *texts: str) -> Sequence[str]:
    numbered = list(enumerate(texts, start=1))
    parsed = read_sentences(nlp, numbered)
    roster = SpeakerRoster((m.name, m.kind) for m in parsed.mentions)
    return [c.shown for c in sentence_candidates(numbered, parsed, roster)[-1].candidates]


def test_the_speaker_after_the_quote_is_a_candidate(nlp: Language) -> None:
    (candidates,) = _candidates(
        nlp, "“The bridge will reopen in May,” Transport Minister Helen Marsh said on Friday."
    )
    assert candidates[0] == "the outlet"
    assert "Helen Marsh" in candidates


def test_the_person_is_shown_with_their_title(nlp: Language) -> None:
    shown = _shown(nlp, "Transport Minister Helen Marsh said the bridge would reopen in May.")
    assert "Transport Minister Helen Marsh" in shown


def test_a_quotation_spanning_two_sentences_offers_its_speaker_in_both(nlp: Language) -> None:
    first, second = _candidates(
        nlp,
        "“We are not leaving this valley.",
        "Our families have farmed here for a century,” said Tomas Berger, a local farmer.",
    )
    # The speaker is named only at the end of the quotation, in its second sentence.
    assert "Tomas Berger" in first and "Tomas Berger" in second


def test_the_sentence_after_an_attribution_offers_its_speaker(nlp: Language) -> None:
    _, second = _candidates(
        nlp,
        "“The levy will end in March,” Finance Minister Lars Berg told reporters.",
        "“Nobody should pay twice.”",
    )
    assert second == ["the outlet", "Lars Berg"]


def test_an_organisation_and_its_spokesperson_are_two_candidates(nlp: Language) -> None:
    (candidates,) = _candidates(
        nlp,
        "Harbor Authority spokeswoman Rita Okafor said the Harbor Authority had closed the pier.",
    )
    assert "Rita Okafor" in candidates
    assert any("Harbor Authority" in c for c in candidates if c != "Rita Okafor")


def test_a_pronoun_refers_back_to_a_candidate_of_the_sentence_before(nlp: Language) -> None:
    _, second = _candidates(
        nlp,
        "Mayor Ana Ortiz opened the new library on Tuesday.",
        "She said it would stay open until midnight.",
    )
    assert second == ["the outlet", "Ana Ortiz"]


def test_mentions_of_one_person_are_one_candidate(nlp: Language) -> None:
    _, second = _candidates(
        nlp,
        "Mayor Ana Ortiz opened the new library on Tuesday.",
        "Ortiz said it would stay open until midnight.",
    )
    assert second == ["the outlet", "Ana Ortiz"]


def test_a_place_is_not_a_speaker_but_a_country_that_speaks_is(nlp: Language) -> None:
    (in_place,) = _candidates(nlp, "The talks were held in Geneva on Monday.")
    assert in_place == ["the outlet"]
    (speaking,) = _candidates(nlp, "Norway said it would send two more ships.")
    assert speaking == ["the outlet", "Norway"]


def test_a_sentence_with_no_name_offers_only_the_outlet(nlp: Language) -> None:
    assert _candidates(nlp, "Officials said the road would reopen at noon.") == [["the outlet"]]


def test_names_two_sentences_back_are_not_offered(nlp: Language) -> None:
    *_, third = _candidates(
        nlp,
        "Mayor Ana Ortiz opened the new library on Tuesday.",
        "The building cost four million euros.",
        "Officials said it would stay open until midnight.",
    )
    assert third == ["the outlet"]


def test_a_pronoun_reaches_back_past_a_sentence_that_names_nobody(nlp: Language) -> None:
    *_, last = _candidates(
        nlp,
        "Coach Maria Lindqvist announced her retirement on Sunday.",
        "The ceremony lasted an hour.",
        "“It was the right time,” she said.",
    )
    assert last == ["the outlet", "Maria Lindqvist"]


def test_a_surname_the_recogniser_missed_is_the_person_named_before(nlp: Language) -> None:
    _, second = _candidates(
        nlp,
        "The defence lawyer, Gregor P. Vasko, wrote to the court in May.",
        "Vasko asserted that the search had been unlawful.",
    )
    assert second == ["the outlet", "Gregor P. Vasko"]


def test_a_hyphenated_surname_is_kept_whole(nlp: Language) -> None:
    shown = _shown(nlp, "“We will appeal,” Ines Ruiz-Tagle said in a statement.")
    assert "Ines Ruiz-Tagle" in shown


def test_a_surname_alone_is_the_person_named_first(nlp: Language) -> None:
    *_, last = _candidates(
        nlp,
        "Former senator Paul Okoro Jr. pleaded guilty on Monday.",
        "His father, Paul Okoro, watched from the gallery.",
        "Okoro said he was sorry.",
    )
    # The father is named in the sentence before, so he is a candidate; "Okoro" is the son.
    assert last == ["the outlet", "Paul Okoro", "Paul Okoro Jr."]


def test_the_grammar_names_the_source_of_a_verb_of_saying(nlp: Language) -> None:
    numbered = list(
        enumerate(
            [
                "The pier will close in June, the Harbor Authority said on Monday.",
                "Rents rose by a tenth, according to Eurostat.",
                "The Harbor Authority closed the pier in June.",
                "Mayor Ana Ortiz, who said she regretted it, closed the pier.",
            ],
            start=1,
        )
    )
    attributed = read_sentences(nlp, numbered).attributed
    assert {n: m.name for n, m in attributed.items()} == {1: "Harbor Authority", 2: "Eurostat"}


def _read(nlp: Language, *texts: str) -> SentenceReadings:
    return read_sentences(nlp, list(enumerate(texts, start=1)))


def _sources(nlp: Language, *texts: str) -> dict[int, str]:
    return {n: m.name for n, m in _read(nlp, *texts).attributed.items()}


def test_a_name_set_beside_the_speaking_lawyer_is_the_source(nlp: Language) -> None:
    sources = _sources(nlp, "Her lawyer, Maria Lopez, said the charges were baseless.")
    assert sources == {1: "Maria Lopez"}


def test_who_released_the_figures_is_their_source(nlp: Language) -> None:
    sources = _sources(
        nlp,
        "Figures released by the Statistics Bureau show that exports fell 4 percent.",
        "The Statistics Bureau's monthly report shows that imports rose.",
    )
    assert sources == {1: "Statistics Bureau", 2: "Statistics Bureau"}


def test_a_source_set_beside_the_main_clause_is_the_source(nlp: Language) -> None:
    sources = _sources(
        nlp, "Prices rose 4.2 percent from a year earlier, the Statistics Bureau said, a record."
    )
    assert sources == {1: "Statistics Bureau"}


def test_the_department_is_the_department_named_before(nlp: Language) -> None:
    sources = _sources(
        nlp,
        "The inquiry was opened by the Energy Department in March.",
        "The department said the leak had been contained.",
    )
    assert sources == {2: "Energy Department"}


def test_an_unnamed_source_names_no_one_but_is_speech(nlp: Language) -> None:
    parsed = _read(nlp, "Officials said the bridge would reopen in May.")
    assert parsed.attributed == {}
    assert parsed.speech == {1}


def test_he_is_the_person_named_before_him_in_his_sentence(nlp: Language) -> None:
    parsed = _read(
        nlp,
        "Governor Lena Park met Mayor Tom Reyes on Monday.",
        "When Mayor Reyes filed his plan, he said it would save money.",
    )
    assert parsed.antecedents[2].name == "Reyes"  # one speaker with "Tom Reyes" in the roster


def test_a_cut_off_sentence_with_no_complete_clause_is_a_fragment(nlp: Language) -> None:
    parsed = _read(
        nlp,
        "Applications for jobless aid, which generally track the...",
        "The mayor did transfer his...",
        "Rep. Ann Hill, D-Ore.",
        "“We will not leave,” Ms. Hill told the paper at...",
        "The weak report could cloud policy for the central bank, which is weighing whether...",
    )
    # The last two say something before the cut: a quotation, a verb with its object.
    assert parsed.fragments == {1, 2, 3}


def test_a_forecast_in_the_main_clause_is_read_but_not_one_in_a_side_clause(
    nlp: Language,
) -> None:
    parsed = _read(
        nlp,
        "Economists had expected a rise of 3.6 percent.",
        "The storm could cut power to thousands of homes.",
        "The pipeline, which would have carried crude oil, was cancelled in June.",
    )
    assert parsed.forecasts == {1, 2}


def test_a_sentence_that_is_only_a_quotation_is_marked(nlp: Language) -> None:
    parsed = _read(
        nlp,
        "“Not a proud day,” he said.",
        "“I'm sorry I let everybody down.”",
        "The council called the plan “a mistake.”",
    )
    assert parsed.quotations == {2}
