"""The bad-input corpus: everything a user can get wrong, through the CLI and through the library.

For every entry: the documented exit code (or exception), one line saying what is wrong (naming the
file when a file is the problem), no traceback, no request to the provider, and no file in the working
folder lost or changed.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import summarize
from summarizer.api import summarize_many
from summarizer.batch import run_batch
from summarizer.cli import app
from summarizer.errors import (
    BatchInputError,
    EmptyArticle,
    FileProblem,
    NotArabic,
    PromptNotFound,
    ProviderNotConfigured,
    SummarizerError,
)
from summarizer.output_lock import output_lock
from summarizer.settings import ProviderSettings
from tests.conftest import ROOT
from tests.fake_openai import FakeOpenAI

runner = CliRunner()
CASSETTES = ROOT / "cassettes"


def make_sandbox(folder: Path, seed_article: str) -> None:
    """The files the corpus points at: good ones to misuse, and bad ones."""
    folder.mkdir()
    (folder / "dir").mkdir()
    (folder / "a.txt").write_text(seed_article, encoding="utf-8")
    (folder / "a-link.txt").symlink_to(folder / "a.txt")
    (folder / "en.txt").write_text("This is an English news story about markets and the weather.", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t \n", encoding="utf-8")
    (folder / "cp1256.txt").write_bytes(seed_article[:400].encode("cp1256", errors="ignore"))
    (folder / "utf16.txt").write_bytes(seed_article.encode("utf-16"))
    (folder / "latin1.txt").write_bytes("Le président a déclaré que l'économie était forte.".encode("latin-1"))
    cut = seed_article.index(" ", 50)
    (folder / "nul.txt").write_bytes(f"{seed_article[:cut]}\x00{seed_article[cut:]}".encode())
    (folder / "utf16be.txt").write_bytes(b"\xfe\xff" + seed_article.encode("utf-16-be"))
    (folder / "utf16nobom.txt").write_bytes(seed_article.encode("utf-16-le"))
    (folder / "utf32.txt").write_bytes(seed_article.encode("utf-32"))
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    (folder / "huge.txt").write_text("خبر " * 26_000, encoding="utf-8")
    (folder / "long.txt").write_text(seed_article * 10, encoding="utf-8")
    readonly = folder / "ro.json"
    readonly.write_text("{}\n", encoding="utf-8")
    readonly.chmod(0o444)
    (folder / "notes.txt").write_text("my notes\nsecond line\n", encoding="utf-8")
    good = [{"id": "a", "text": seed_article}, {"id": "b", "text": seed_article}]
    (folder / "in.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in good), encoding="utf-8")
    (folder / "in-link.jsonl").symlink_to(folder / "in.jsonl")
    (folder / "in-hard.jsonl").hardlink_to(folder / "in.jsonl")
    (folder / "empty.jsonl").write_bytes(b"")
    (folder / "blank.jsonl").write_text("\n \n\n", encoding="utf-8")
    dup = [{"id": "x", "text": seed_article}, {"id": "x", "text": seed_article}]
    (folder / "dup.jsonl").write_text("".join(json.dumps(r) + "\n" for r in dup), encoding="utf-8")
    dup_int = [{"id": 7, "text": seed_article}, {"id": "7", "text": seed_article}]
    (folder / "dup7.jsonl").write_text("".join(json.dumps(r) + "\n" for r in dup_int), encoding="utf-8")
    tool_answer = {
        "role": "assistant",
        "content": None,
        "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "Digest", "arguments": "{}"}}],
    }
    tools_result = {"custom_id": "a", "response": {"status_code": 200, "body": {"choices": [{"message": tool_answer}]}}}
    (folder / "tools-results.jsonl").write_text(json.dumps(tools_result) + "\n", encoding="utf-8")  # fmt: skip
    (folder / "utf16.jsonl").write_bytes((folder / "in.jsonl").read_text(encoding="utf-8").encode("utf-16"))
    (folder / "image.jsonl").write_bytes((folder / "image.png").read_bytes())


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every entry under ``folder`` (hidden ones too) with its mode and bytes."""
    state: dict[str, tuple[int, bytes]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        content = (
            path.read_bytes()
            if path.is_file() and not path.is_symlink()
            else str(path.readlink() if path.is_symlink() else "").encode()
        )
        state[str(path.relative_to(folder))] = (info.st_mode, content)
    return state


@dataclass(frozen=True)
class Bad:
    name: str
    args: list[str]  # "{d}" is the sandbox folder
    code: int
    says: str  # a fragment of the message ("{d}" allowed)
    env: dict[str, str] = field(default_factory=dict)  # beyond a working provider; "" unsets
    stdin: bytes | None = None
    lines: int | None = 1  # stderr lines; None for multi-line help (the no-provider message)
    locked: str | None = None  # an output another run holds
    setup: Callable[[Path], None] | None = None


NO_PROVIDER = {"OPENAI_BASE_URL": "", "SUMMARIZER_MODEL": ""}


def corrupt(name: str, content: bytes, suffix: str = ".yaml") -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        shutil.copytree(CASSETTES, folder / "cassettes")
        gated = json.loads((ROOT / "evals" / "gate.json").read_text(encoding="utf-8"))  # what `eval` replays
        target = folder / "cassettes" / gated["model"] / gated["prompt"] / f"{name}.en{suffix}"
        target.write_bytes(content if content != b"HALF" else target.read_bytes()[: target.stat().st_size // 2])

    return setup


SEED_CASE = "000_28e21e24a588c826"
EVAL = ["eval", "--case", SEED_CASE, "--cassettes-dir", "{d}/cassettes", "--out", "{d}/../reports"]

CLI_CORPUS = [
    Bad("article missing", ["summarize", "{d}/nope.txt"], 3, "no such file"),
    Bad("article is a folder", ["summarize", "{d}/dir"], 3, "is a directory"),
    Bad("empty article", ["summarize", "{d}/empty.txt"], 10, "empty"),
    Bad("blank article", ["summarize", "{d}/blank.txt"], 10, "empty"),
    Bad("English article", ["summarize", "{d}/en.txt"], 11, "does not look like Arabic"),
    Bad("windows-1256 article", ["summarize", "{d}/cp1256.txt"], 12, "iconv -f WINDOWS-1256"),
    Bad("UTF-16 article", ["summarize", "{d}/utf16.txt"], 12, "iconv -f UTF-16LE"),
    Bad("UTF-16BE article", ["summarize", "{d}/utf16be.txt"], 12, "iconv -f UTF-16BE"),
    Bad("UTF-16 article without BOM", ["summarize", "{d}/utf16nobom.txt"], 12, "looks like UTF-16"),
    Bad("UTF-32 article", ["summarize", "{d}/utf32.txt"], 12, "UTF-32"),
    Bad("binary file as article", ["summarize", "{d}/image.png"], 12, "is it a text file"),
    Bad("article beyond the size cap", ["summarize", "{d}/huge.txt"], 13, "the limit is 100,000"),
    Bad("article beyond the context", ["summarize", "{d}/long.txt", "--context-tokens", "8192"], 13, "context"),
    Bad("latin-1 article", ["summarize", "{d}/latin1.txt"], 12, "looks like Latin-1 text (ISO-8859-1)"),
    Bad("UTF-8 article with one zero byte", ["summarize", "{d}/nul.txt"], 12, "a zero byte at"),
    Bad("context window of 0", ["summarize", "{d}/a.txt", "--context-tokens", "0"], 2, "--context-tokens"),
    Bad("context window of -5", ["summarize", "{d}/a.txt", "--context-tokens", "-5"], 2, "--context-tokens"),
    Bad(
        "context window of 0 in the environment",
        ["summarize", "{d}/a.txt"],
        2,
        "SUMMARIZER_CONTEXT_TOKENS",
        env={"SUMMARIZER_CONTEXT_TOKENS": "0"},
    ),
    Bad("infinite timeout", ["summarize", "{d}/a.txt", "--timeout", "inf"], 2, "must be a finite number"),
    Bad("infinite time budget", ["summarize", "{d}/a.txt"], 2, "finite", env={"SUMMARIZER_TIME_BUDGET": "inf"}),
    Bad("prompt outside prompts/", ["summarize", "{d}/a.txt", "--prompt", "../../etc"], 2, "is not a version name"),
    Bad("empty stdin", ["summarize", "-"], 10, "empty", stdin=b""),
    Bad("UTF-16 stdin", ["summarize", "-"], 12, "UTF-16", stdin="نص عربي".encode("utf-16")),
    Bad("-o in a missing folder", ["summarize", "{d}/a.txt", "-o", "{d}/no/out.json"], 3, "does not exist"),
    Bad("-o a folder", ["summarize", "{d}/a.txt", "-o", "{d}/dir"], 3, "is a folder"),
    Bad("-o a read-only file", ["summarize", "{d}/a.txt", "-o", "{d}/ro.json"], 3, "read-only"),
    Bad("-o the input", ["summarize", "{d}/a.txt", "-o", "{d}/a.txt"], 3, "is the input file"),
    Bad("-o the input by a symlink", ["summarize", "{d}/a.txt", "-o", "{d}/a-link.txt"], 3, "is the input file"),
    Bad("-o under a file", ["summarize", "{d}/a.txt", "-o", "{d}/a.txt/out.json"], 3, "{d}/a.txt/out.json"),
    Bad("-o on a pseudo file system", ["summarize", "{d}/a.txt", "-o", "/proc/out.json"], 3, "cannot write"),
    Bad("-o a device", ["summarize", "{d}/a.txt", "-o", "/dev/null"], 3, "not a regular file"),
    Bad("unknown prompt version", ["summarize", "{d}/a.txt", "--prompt", "v999"], 2, "'v999' not found"),
    Bad("no provider", ["summarize", "{d}/a.txt"], 2, "OPENAI_API_KEY", env=NO_PROVIDER, lines=None),
    Bad("base URL without a model", ["summarize", "{d}/a.txt"], 2, "SUMMARIZER_MODEL", env={"SUMMARIZER_MODEL": ""}),
    # a Choice checked by the parser: a usage error (usage line + message), like any bad flag value
    Bad(
        "unknown mode in the environment",
        ["summarize", "{d}/a.txt"],
        2,
        "SUMMARIZER_MODE",
        env={"SUMMARIZER_MODE": "foo"},
        lines=None,
    ),
    Bad(
        "context size not a number",
        ["summarize", "{d}/a.txt"],
        2,
        "SUMMARIZER_CONTEXT_TOKENS",  # an int option read from the variable: a usage error, as for the flag
        env={"SUMMARIZER_CONTEXT_TOKENS": "lots"},
        lines=None,
    ),
    Bad("base URL not a URL", ["summarize", "{d}/a.txt", "--base-url", "notaurl"], 2, "'notaurl' is malformed"),
    Bad("base URL with a space", ["summarize", "{d}/a.txt", "--base-url", "http://a b/v1"], 2, "is malformed"),
    Bad("base URL not http", ["summarize", "{d}/a.txt"], 2, "is malformed", env={"OPENAI_BASE_URL": "ftp://x/v1"}),
    Bad("batch input missing", ["batch", "run", "{d}/nope.jsonl", "{d}/out.jsonl"], 3, "nope.jsonl: no such file"),
    Bad("batch input is a folder", ["batch", "run", "{d}/dir", "{d}/out.jsonl"], 3, "folder"),
    Bad("plain-text batch input", ["batch", "run", "{d}/notes.txt", "{d}/out.jsonl"], 14, "is not JSONL"),
    Bad("binary batch input", ["batch", "run", "{d}/image.jsonl", "{d}/out.jsonl"], 14, "is it a text file"),
    Bad("UTF-16 batch input", ["batch", "run", "{d}/utf16.jsonl", "{d}/out.jsonl"], 14, "UTF-16"),
    Bad("empty batch input", ["batch", "run", "{d}/empty.jsonl", "{d}/out.jsonl"], 14, "holds no articles"),
    Bad("blank batch input", ["batch", "run", "{d}/blank.jsonl", "{d}/out.jsonl"], 14, "holds no articles"),
    Bad("repeated ids", ["batch", "run", "{d}/dup.jsonl", "{d}/out.jsonl"], 14, "repeats ids (x)"),
    Bad("7 and '7'", ["batch", "run", "{d}/dup7.jsonl", "{d}/out.jsonl"], 14, "repeats ids (7)"),
    Bad("batch output is the input", ["batch", "run", "{d}/in.jsonl", "{d}/in.jsonl"], 14, "is the input file"),
    Bad(
        "batch output is the input, --retry-errors",
        ["batch", "run", "{d}/in.jsonl", "{d}/in.jsonl", "--retry-errors"],
        14,
        "is the input file",
    ),
    Bad(
        "batch output is the input by symlink", ["batch", "run", "{d}/in.jsonl", "{d}/in-link.jsonl"], 14, "input file"
    ),
    Bad(
        "batch output is the input by hard link",
        ["batch", "run", "{d}/in.jsonl", "{d}/in-hard.jsonl"],
        14,
        "input file",
    ),
    Bad("batch output not a batch output", ["batch", "run", "{d}/in.jsonl", "{d}/notes.txt"], 14, "not a batch result"),
    Bad(
        "batch output in use",
        ["batch", "run", "{d}/in.jsonl", "{d}/busy.jsonl"],
        15,
        "another batch run",
        locked="busy.jsonl",
    ),
    Bad("batch output in a missing folder", ["batch", "run", "{d}/in.jsonl", "{d}/no/out.jsonl"], 3, "does not exist"),
    Bad("batch output a folder", ["batch", "run", "{d}/in.jsonl", "{d}/dir"], 3, "is a folder"),
    Bad("batch output read-only", ["batch", "run", "{d}/in.jsonl", "{d}/ro.json"], 3, "read-only"),
    Bad("batch output under a file", ["batch", "run", "{d}/in.jsonl", "{d}/a.txt/out.jsonl"], 3, "{d}/a.txt/out.jsonl"),
    Bad("batch output on a pseudo file system", ["batch", "run", "{d}/in.jsonl", "/proc/out.jsonl"], 3, "cannot write"),
    Bad("batch output a device", ["batch", "run", "{d}/in.jsonl", "/dev/null"], 3, "not a regular file"),
    Bad(
        "import of results answering another mode",
        ["batch", "import", "{d}/tools-results.jsonl", "{d}/in.jsonl", "{d}/out.jsonl", "--mode", "json_schema"],
        2,
        "import with --mode tools",
    ),
    Bad(
        "import of a missing results file",
        ["batch", "import", "{d}/nope.jsonl", "{d}/in.jsonl", "{d}/o.jsonl"],
        3,
        "nope.jsonl: no such file",
    ),
    Bad("export onto its input", ["batch", "export", "{d}/in.jsonl", "{d}/in.jsonl"], 3, "is the input file"),
    Bad(
        "batch with no provider",
        ["batch", "run", "{d}/in.jsonl", "{d}/out.jsonl"],
        2,
        "Ollama",
        env=NO_PROVIDER,
        lines=None,
    ),
    Bad(
        "batch unknown prompt",
        ["batch", "run", "{d}/in.jsonl", "{d}/out.jsonl", "--prompt", "v999"],
        2,
        "'v999' not found",
    ),
    Bad(
        "corrupt recording",
        EVAL,
        30,
        "{d}/cassettes",
        lines=None,
        setup=corrupt(SEED_CASE, b"interactions:\n- request: [unclosed\n  {{{"),
    ),
    Bad("eval of an unknown case", ["eval", "--case", "999_nope"], 2, "unknown case id(s): 999_nope"),
    Bad("truncated recording", EVAL, 30, "is corrupt or truncated", lines=None, setup=corrupt(SEED_CASE, b"HALF")),
    Bad("empty recording", EVAL, 30, "is empty", lines=None, setup=corrupt(SEED_CASE, b"")),
    Bad(
        "corrupt recording metadata",
        EVAL,
        30,
        ".meta.json cannot be read",
        lines=None,  # reported per case, with the other recording problems, not as the run's one error
        setup=corrupt(SEED_CASE, b'{"model": ', ".meta.json"),
    ),
]


@pytest.fixture
def sandbox(tmp_path: Path, seed_article: str) -> Iterator[Path]:
    folder = tmp_path / "work"
    make_sandbox(folder, seed_article)
    yield folder
    (folder / "ro.json").chmod(0o644)


def test_the_corpus_is_big_enough() -> None:
    assert len(CLI_CORPUS) + len(LIBRARY_CORPUS) >= 40
    assert len({bad.name for bad in CLI_CORPUS}) == len(CLI_CORPUS)


@pytest.mark.parametrize("bad", CLI_CORPUS, ids=lambda bad: bad.name)
def test_cli_bad_input(bad: Bad, sandbox: Path, provider_env: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in bad.env.items():
        if value:
            monkeypatch.setenv(name, value)
        else:
            monkeypatch.delenv(name, raising=False)
    if bad.setup:
        bad.setup(sandbox)
    args = [a.replace("{d}", str(sandbox)) for a in bad.args]
    lock: AbstractContextManager[object] = output_lock(sandbox / bad.locked) if bad.locked else nullcontext()
    with lock:
        before = snapshot(sandbox)
        result = runner.invoke(app, args, input=bad.stdin)
    stderr = result.stderr
    assert result.exit_code == bad.code, stderr
    assert "Traceback" not in stderr + result.stdout
    assert bad.says.replace("{d}", str(sandbox)) in stderr
    if bad.lines is not None:
        assert len(stderr.strip().splitlines()) == bad.lines, stderr
        assert stderr.strip().startswith("error: ")
    assert provider_env.requests == []
    assert snapshot(sandbox) == before


@dataclass(frozen=True)
class LibraryBad:
    name: str
    call: Callable[[Path, ProviderSettings], Any]
    raises: type[BaseException]
    says: str


def _batch(src: str, dst: str) -> Callable[[Path, ProviderSettings], Any]:
    return lambda d, s: asyncio.run(run_batch(d / src, d / dst, settings=s))


LIBRARY_CORPUS = [
    LibraryBad("empty article", lambda d, s: summarize("", settings=s), EmptyArticle, "empty"),
    LibraryBad("None as article", lambda d, s: summarize(None, settings=s), TypeError, "must be a str"),  # type: ignore[arg-type]
    LibraryBad("bytes as article", lambda d, s: summarize(b"x", settings=s), TypeError, "decode bytes first"),  # type: ignore[arg-type]
    LibraryBad("English article", lambda d, s: summarize((d / "en.txt").read_text(), settings=s), NotArabic, "Arabic"),
    LibraryBad(
        "unknown language",
        lambda d, s: summarize((d / "a.txt").read_text(), "fr", settings=s),  # type: ignore[arg-type]
        SummarizerError,
        "'en' or 'ar'",
    ),
    LibraryBad(
        "unknown prompt",
        lambda d, s: summarize((d / "a.txt").read_text(), settings=s, prompt_version="v999"),
        PromptNotFound,
        "v999",
    ),
    LibraryBad(
        "summarize_many of one string",
        lambda d, s: summarize_many("نص عربي", settings=s),  # a str is a Sequence[str]
        TypeError,
        "single string",
    ),
    LibraryBad(
        "unknown mode from the environment",
        lambda d, s: ProviderSettings.from_env(mode="foo", env={"OPENAI_API_KEY": "k"}),
        ProviderNotConfigured,
        "unknown mode",
    ),
    LibraryBad("unknown mode", lambda d, s: ProviderSettings(model="m", mode="foo"), ProviderNotConfigured, "'foo'"),  # type: ignore[arg-type]
    LibraryBad(
        "malformed base URL",
        lambda d, s: ProviderSettings(model="m", base_url="localhost:8080"),
        ProviderNotConfigured,
        "is malformed",
    ),
    LibraryBad(
        "negative re-asks", lambda d, s: ProviderSettings(model="m", max_reasks=-1), ProviderNotConfigured, "max_reasks"
    ),
    LibraryBad(
        "empty model name", lambda d, s: ProviderSettings(model=" "), ProviderNotConfigured, "model name is empty"
    ),
    LibraryBad("batch onto its input", _batch("in.jsonl", "in.jsonl"), BatchInputError, "is the input file"),
    LibraryBad("batch onto a hard link of its input", _batch("in.jsonl", "in-hard.jsonl"), BatchInputError, "input"),
    LibraryBad("batch onto a read-only file", _batch("in.jsonl", "ro.json"), FileProblem, "read-only"),
    LibraryBad("batch of an empty file", _batch("empty.jsonl", "out.jsonl"), BatchInputError, "no articles"),
    LibraryBad("batch of UTF-16", _batch("utf16.jsonl", "out.jsonl"), BatchInputError, "UTF-16"),
    LibraryBad("batch of a foreign output", _batch("in.jsonl", "notes.txt"), BatchInputError, "not a batch result"),
]


@pytest.mark.parametrize("bad", LIBRARY_CORPUS, ids=lambda bad: bad.name)
def test_library_bad_input(
    bad: LibraryBad, sandbox: Path, fake_server: FakeOpenAI, fake_settings: ProviderSettings
) -> None:
    before = snapshot(sandbox)
    with pytest.raises(bad.raises) as caught:
        bad.call(sandbox, fake_settings)
    message = str(caught.value)
    assert bad.says in message
    assert "\n" not in message.strip()
    assert fake_server.requests == []
    assert snapshot(sandbox) == before
