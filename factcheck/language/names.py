"""Names spelled two ways: one person or party, whichever wing reads it.

Transliterated names vary between outlets ("Zelensky", "Zelenskyy"; "Peskov"/"Peskoff"), so
two names are compared word by word with rapidfuzz rather than a list of variants.
"""

from __future__ import annotations

from collections.abc import Collection

from rapidfuzz import fuzz

__all__ = ["NAME_SIMILARITY", "same_name_words"]

NAME_SIMILARITY = 85
"""rapidfuzz ratio (0-100) from which two words of names are one: "Zelensky" / "Zelenskyy"
scores 94, "Jackson" / "Johnson" 71."""


def same_name_words(a: Collection[str], b: Collection[str]) -> bool:
    """Every word of the shorter name is a word of the longer one, spelled alike (equal, or a
    rapidfuzz ratio of at least ``NAME_SIMILARITY``): "zelensky" and "volodymyr zelenskyy"
    name one person, "jackson" and "johnson" do not."""
    small, large = sorted((a, b), key=len)
    return bool(small) and all(
        any(w == x or fuzz.ratio(w, x) >= NAME_SIMILARITY for x in large) for w in small
    )
