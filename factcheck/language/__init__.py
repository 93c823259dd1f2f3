"""Language data: English word classes and stance lexicons, each with its source.

A leaf: it imports nothing of factcheck's pipeline, so extraction, comparison and the report
read one copy of each list. Nothing here is fitted to any article.
"""

from factcheck.language.cues import (
    ANAPHORIC_OPENING,
    DEMONSTRATIVES,
    PERSONAL_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    SUBORDINATORS,
    refers_back,
)
from factcheck.language.modality import (
    DEMANDS,
    HEDGES,
    REFUSALS,
    REPORTING_VERBS,
    SOFTENERS,
    demands,
    hedges,
    refused_demand,
    reports_speech,
    softens,
    speech_source,
)
from factcheck.language.words import (
    MONTHS,
    NEGATORS,
    STOPWORDS,
    TITLES,
    WEEKDAYS,
    content_words,
)

__all__ = [
    "ANAPHORIC_OPENING",
    "DEMANDS",
    "DEMONSTRATIVES",
    "HEDGES",
    "MONTHS",
    "NEGATORS",
    "PERSONAL_PRONOUNS",
    "POSSESSIVE_PRONOUNS",
    "REFUSALS",
    "REPORTING_VERBS",
    "SOFTENERS",
    "STOPWORDS",
    "SUBORDINATORS",
    "TITLES",
    "WEEKDAYS",
    "content_words",
    "demands",
    "hedges",
    "refers_back",
    "refused_demand",
    "reports_speech",
    "softens",
    "speech_source",
]
