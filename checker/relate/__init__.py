"""Stage 4: how a document's figures relate (a rate and its counts, a change and its two levels,
a multiple, an average and its total), found by patterns that are data
(checker/lang/zh/relations.yaml) and read by one matcher. The rules check relations; they do not
read the text for them."""

from __future__ import annotations

from checker.extract.figure import Figure
from checker.normalize import fold
from checker.relate.evidence import holds
from checker.relate import anniversary, enumeration, hierarchy, restate, structure
from checker.relate.matcher import find
from checker.relate.relation import FAMILIES, Relation

__all__ = ["FAMILIES", "Relation", "relate"]


def relate(text: str, figures: list[Figure]) -> list[Relation]:
    """Every relation among one document's figures (``text`` is the document's original text,
    which the figures' offsets index; its full-width forms are read folded, offsets unchanged)."""
    text = fold(text)
    return (find(text, figures, holds) + restate.find(text, figures) + anniversary.find(text, figures)
            + anniversary.editions(text, figures)
            + hierarchy.find(figures) + enumeration.find(text, figures) + structure.find(text, figures))
