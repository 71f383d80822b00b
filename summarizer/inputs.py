"""Reject articles we cannot summarise before spending a model call on them."""

from __future__ import annotations

from pathlib import Path

from summarizer.arabic import arabic_letter_ratio
from summarizer.errors import ArticleTooLong, EmptyArticle, InputError, NotArabic, UndecodableInput

MIN_ARABIC_RATIO = 0.5
# Arabic text costs roughly one token per 2.5-4 characters in current tokenizers;
# 2 characters per token is a deliberately pessimistic estimate for the pre-check.
CHARS_PER_TOKEN_ESTIMATE = 2.0
# Room left in the context window for instructions, schema and the answer.
RESERVED_TOKENS = 3000
# Whatever the model: no news article is this long, and a file this big is almost surely a mistake.
MAX_ARTICLE_CHARS = 100_000


def decode_article(data: bytes, source: str = "input") -> str:
    """UTF-8 (with or without BOM); anything else is refused with the byte offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UndecodableInput(
            f"{source} is not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 4]!r}); "
            "convert it first, e.g. iconv -f WINDOWS-1256 -t UTF-8"
        ) from None


def read_article(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not an article file") from None
    return decode_article(data, str(path))


def check_article(text: str, context_tokens: int | None = None) -> str:
    """Return the article if it is usable; raise a specific InputError otherwise."""
    if not text or not text.strip():
        raise EmptyArticle("the article is empty")
    ratio = arabic_letter_ratio(text)
    if ratio < MIN_ARABIC_RATIO:
        raise NotArabic(
            f"the article does not look like Arabic ({ratio:.0%} of its letters are Arabic; at least "
            f"{MIN_ARABIC_RATIO:.0%} are needed)"
        )
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleTooLong(
            f"the article has {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,} "
            "(far beyond any news article): split it, or check that this is the file you meant"
        )
    if context_tokens is not None:
        estimate = int(len(text) / CHARS_PER_TOKEN_ESTIMATE)
        budget = context_tokens - RESERVED_TOKENS
        if estimate > budget:
            raise ArticleTooLong(
                f"the article is about {estimate} tokens; the model's context of {context_tokens} tokens "
                f"leaves room for {max(budget, 0)}. Split the article or use a model with a longer context"
            )
    return text
