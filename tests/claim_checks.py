"""What the claim checker finds in one bullet citing article windows: the helper the claims tests share."""

from __future__ import annotations

from summarizer import verify
from summarizer.schema import Bullet, Digest, Evidence


def checks_of(article: str, text: str, *quotes: str) -> list[str]:
    """The checks that fire on a bullet ``text`` whose evidence is ``quotes``, each located in ``article``."""
    evidence = []
    for quote in quotes:
        start = article.find(quote)
        assert start >= 0, quote
        evidence.append(Evidence(quote=quote, start=start, end=start + len(quote)))
    digest = Digest.model_construct(bullets=[Bullet(text=text, evidence=evidence)], events=[], run=None, findings=None)
    return [f.check for f in verify(digest, article)]
