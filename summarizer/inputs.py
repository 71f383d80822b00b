"""Reject articles we cannot summarise before spending a model call on them."""

from __future__ import annotations

from pathlib import Path

from summarizer.arabic import arabic_letter_ratio
from summarizer.errors import ArticleTooLong, EmptyArticle, FileProblem, InputError, NotArabic, UndecodableInput

MIN_ARABIC_RATIO = 0.5
# Arabic text costs roughly one token per 2.5-4 characters in current tokenizers;
# 2 characters per token is a deliberately pessimistic estimate for the pre-check.
CHARS_PER_TOKEN_ESTIMATE = 2.0
# Room left in the context window for instructions, schema and the answer.
RESERVED_TOKENS = 3000
# Whatever the model: no news article is this long, and a file this big is almost surely a mistake.
MAX_ARTICLE_CHARS = 100_000


_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "UTF-32BE"),
    (b"\xff\xfe", "UTF-16LE"),
    (b"\xfe\xff", "UTF-16BE"),
)


def _guess_encoding(data: bytes) -> str | None:
    """What to suggest converting from: the byte-order mark's encoding, UTF-16 by where its zero bytes fall,
    Windows Arabic or Latin-1 by which letters the bytes make, None for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4096]
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    if zeros_even + zeros_odd >= max(2, len(sample) // 100):  # one stray zero byte does not make UTF-16
        if zeros_odd >= 9 * zeros_even:
            return "UTF-16LE"
        if zeros_even >= 9 * zeros_odd:
            return "UTF-16BE"
        return None
    arabic = arabic_letter_ratio(sample.decode("cp1256", errors="replace"))
    return "WINDOWS-1256" if arabic >= MIN_ARABIC_RATIO else "ISO-8859-1"


def undecodable_error(data: bytes, source: str, problem: str) -> UndecodableInput:
    encoding = _guess_encoding(data)
    if encoding is None:
        return UndecodableInput(f"{source} is not valid UTF-8 ({problem}); is it a text file?")
    if encoding == "ISO-8859-1":
        return UndecodableInput(
            f"{source} is not valid UTF-8 ({problem}); it looks like Latin-1 text (ISO-8859-1), which cannot be "
            "Arabic: is it the file you meant? (to convert it: iconv -f ISO-8859-1 -t UTF-8)"
        )
    looks = f"it looks like {encoding[:6]}; " if encoding.startswith("UTF") else ""
    return UndecodableInput(
        f"{source} is not valid UTF-8 ({problem}); {looks}convert it first, e.g. iconv -f {encoding} -t UTF-8"
    )


def decode_article(data: bytes, source: str = "input") -> str:
    """UTF-8 (with or without BOM); anything else is refused, with where it failed and how to convert it.

    Zero bytes are refused too: Arabic in BOM-less UTF-16 is made of bytes below 0x80, so it decodes
    as UTF-8 into control characters and zero bytes rather than failing. A few zero bytes in text that is
    otherwise UTF-8 are strays (a bad copy, a tool's bug), not UTF-16, and are named as such.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise undecodable_error(data, source, f"byte {exc.start}: {data[exc.start : exc.start + 4]!r}") from None
    if "\x00" in text:
        raise zero_byte_error(data, source, f"a zero byte at {data.index(0)}")
    return text


def zero_byte_error(data: bytes, source: str, where: str) -> UndecodableInput:
    """Text that decodes as UTF-8 but holds zero bytes: UTF-16 (many, on one side of each byte pair) or strays."""
    zeros = data[:4096].count(0)
    if zeros >= max(2, len(data[:4096]) // 100):
        return undecodable_error(data, source, where)
    return UndecodableInput(
        f"{source} holds {where} in otherwise valid UTF-8 text: remove it (e.g. tr -d '\\000' < FILE > CLEAN)"
    )


def read_article(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not an article file") from None
    except OSError as exc:
        raise FileProblem.from_os_error(exc, path) from None
    return decode_article(data, str(path))


def check_article(text: str, context_tokens: int | None = None) -> str:
    """Return the article if it is usable; raise a specific InputError otherwise."""
    if not isinstance(text, str):
        raise TypeError(f"the article must be a str, not {type(text).__name__}; decode bytes first (UTF-8)")
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
