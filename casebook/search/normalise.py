"""The search index's form of text (folding itself lives in ``casebook.domain.folding``)."""

from __future__ import annotations

from casebook.domain.folding import tokens

_ARTICLE = "\u0627\u0644"  # the definite article, after folding


def index_form(text: str) -> str:
    """What goes into the search index: the folded words, plus each word that starts
    with the definite article once more without it, so ``حداد`` finds ``الحداد``
    (but ``الحداد`` still finds only what has the article or was typed with it)."""
    words = tokens(text)
    extra = [w[2:] for w in words if w.startswith(_ARTICLE) and len(w) >= 4]
    return " ".join(words + extra)
