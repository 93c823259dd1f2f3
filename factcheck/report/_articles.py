"""Short article labels (A1, A2, ...) so wide tables stay readable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.report.text import code

if TYPE_CHECKING:
    from factcheck.schemas import Report

__all__ = ["ArticleLabels", "location"]


class ArticleLabels:
    """A1, A2, ... in the order the articles were given, which is the order
    the editor chose; ids met only in claims or findings come after."""

    def __init__(self, report: Report) -> None:
        ids = [article.id for article in report.articles]
        seen = set(ids)
        stray = {claim.article_id for claim in report.claims}
        stray |= {side.article_id for f in report.findings for side in f.sides}
        ids += sorted(stray - seen)
        self._labels = {article_id: f"A{n}" for n, article_id in enumerate(ids, start=1)}
        self.ids = ids

    def __getitem__(self, article_id: str) -> str:
        return self._labels.get(article_id, "A?")

    def order(self, article_id: str) -> int:
        return self.ids.index(article_id) if article_id in self._labels else len(self.ids)

    def named(self, article_id: str, *, in_table: bool = False) -> str:
        """``A1 `kyiv-independent``` : the label and the id it stands for."""
        return f"{self[article_id]} {code(article_id, in_table=in_table)}"

    def legend(self) -> str:
        # Commas, not "·": in the matrix above, "·" means an article is silent.
        return "Articles: " + ", ".join(self.named(article_id) for article_id in self.ids) + "."


def location(article_id: str, line: int, char_start: int, char_end: int) -> str:
    """Where a quote sits: ``article:line`` to open in an editor, offsets to check it."""
    return f"{code(f'{article_id}:{line}', in_table=True)}, chars {char_start}-{char_end}"
