"""One Provenance model behind a digest's run, a recording's meta and an eval report, and metas still written
byte for byte as before."""

from __future__ import annotations

from pathlib import Path

from summarizer.evals.report import Report
from summarizer.provenance import Provenance
from summarizer.recording import RecordingMeta
from summarizer.schema import RunInfo

ROOT = Path(__file__).resolve().parent.parent
SIX = ["model", "provider", "mode", "prompt_version", "prompt_hash", "schema_hash"]


def test_the_six_fields_are_declared_once() -> None:
    assert list(Provenance.model_fields) == SIX
    for model in (RunInfo, RecordingMeta, Report):
        assert issubclass(model, Provenance) and list(model.model_fields)[:6] == SIX, model


def test_every_complete_meta_reads_and_writes_back_to_the_same_bytes(tmp_path: Path) -> None:
    """Metas carrying every field (all but the oldest Gemma ones, which gain the later fields' defaults)."""
    checked = 0
    for path in sorted(ROOT.glob("cassettes/*/*/*.meta.json")):
        meta = RecordingMeta.read(path)
        if not meta.library_versions:
            continue
        meta.write(tmp_path / "meta.json")
        assert (tmp_path / "meta.json").read_bytes() == path.read_bytes(), path
        checked += 1
    assert checked >= 124
