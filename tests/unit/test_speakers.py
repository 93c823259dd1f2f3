"""One speaker per person or organisation, on names written for these tests."""

from __future__ import annotations

from factcheck.extract.speakers import SpeakerRoster


def test_spellings_and_titles_of_one_person_are_one_speaker() -> None:
    roster = SpeakerRoster(
        [
            ("Marta Kowalczyk", "person"),
            ("Kowalczyk", "person"),
            ("Kowalcyk", "person"),  # a misspelling in another paragraph
            ("Mrs. Kowalczyk", "person"),
        ]
    )
    assert {
        roster.speaker_of(n, "person") for n in ("Kowalczyk", "Kowalcyk", "Mrs. Kowalczyk")
    } == {"Marta Kowalczyk"}
    assert roster.speakers() == {"Marta Kowalczyk": "person"}


def test_transliterations_of_one_name_are_one_speaker() -> None:
    roster = SpeakerRoster(
        [("Volodymyr Zelenskyy", "person"), ("Zelensky", "person"), ("Zelenskyy", "person")]
    )
    assert roster.speaker_of("Zelensky", "person") == "Volodymyr Zelenskyy"
    assert roster.speaker_of("Zelenskyy", "person") == "Volodymyr Zelenskyy"


def test_a_person_and_the_organisation_in_their_title_stay_apart() -> None:
    roster = SpeakerRoster([("Dmitry Peskov", "person"), ("Kremlin", "organisation")])
    assert roster.speaker_of("Dmitry Peskov", "person") == "Dmitry Peskov"
    assert roster.speaker_of("Kremlin", "organisation") == "Kremlin"
    assert roster.speakers() == {"Dmitry Peskov": "person", "Kremlin": "organisation"}


def test_different_people_are_not_merged() -> None:
    roster = SpeakerRoster(
        [
            ("Ana Ortiz", "person"),
            ("Luis Ortiz", "person"),
            ("Ortiz", "person"),
            ("Ortiz", "person"),
            ("Peter Johnson", "person"),
            ("Paul Jackson", "person"),
            ("Paul Jackson Jr.", "person"),
        ]
    )
    assert roster.speaker_of("Ana Ortiz", "person") == "Ana Ortiz"
    assert roster.speaker_of("Luis Ortiz", "person") == "Luis Ortiz"
    assert roster.speaker_of("Peter Johnson", "person") == "Peter Johnson"
    # A father and a son of one name are two people.
    assert roster.speaker_of("Paul Jackson", "person") == "Paul Jackson"
    assert roster.speaker_of("Paul Jackson Jr.", "person") == "Paul Jackson Jr."
    # A surname alone goes to one person of that surname, not to a third speaker.
    assert roster.speaker_of("Ortiz", "person") in {"Ana Ortiz", "Luis Ortiz"}
    assert len(roster.speakers()) == 5


def test_an_organisation_written_two_ways_is_one_speaker() -> None:
    roster = SpeakerRoster(
        [
            ("Transport Ministry", "organisation"),
            ("Ministry of Transport", "organisation"),
            ("Attorney General's Office", "organisation"),
            ("Northern District's Attorney General's Office", "organisation"),
            ("Senate", "organisation"),
            ("Senate Finance Committee", "organisation"),
            ("Health Ministry", "organisation"),
        ]
    )
    assert roster.speaker_of("Ministry of Transport", "organisation") == "Transport Ministry"
    assert roster.speaker_of("Northern District's Attorney General's Office", "organisation") == (
        roster.speaker_of("Attorney General's Office", "organisation")
    )
    # A committee is not its chamber, and one ministry is not another.
    assert roster.speaker_of("Senate Finance Committee", "organisation") != "Senate"
    assert roster.speaker_of("Health Ministry", "organisation") == "Health Ministry"
    assert len(roster.speakers()) == 5


def test_an_unknown_name_is_its_own_speaker() -> None:
    roster = SpeakerRoster([("Ana Ortiz", "person")])
    assert roster.speaker_of("Someone Else", "person") == "Someone Else"
