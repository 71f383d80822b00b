"""Replay parses cassettes without vcrpy, and reads every cassette exactly as vcrpy's own loader does."""

from __future__ import annotations

from pathlib import Path

import pytest
from vcr.serializers import yamlserializer

from summarizer.recording import _parse_cassette, load_interactions

CASSETTES = Path(__file__).resolve().parent.parent / "cassettes"


def test_committed_cassettes_parse_as_vcrpy_parses_them() -> None:
    files = sorted(CASSETTES.rglob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _parse_cassette(text) == yamlserializer.deserialize(text), path


def test_old_vcrpy_python_tags_still_load(tmp_path: Path) -> None:
    """Old vcrpy wrote tuples with ``!!python/...`` tags: the safe loader refuses them, vcrpy's reads them."""
    request = {"method": "POST", "uri": "http://x/v1/chat/completions", "body": '{"a": 1}', "headers": {}}
    response = {"status": {"code": 200, "message": "OK"}, "headers": {"h": ("v",)}, "body": {"string": "{}"}}
    text = yamlserializer.serialize({"interactions": [{"request": request, "response": response}], "version": 1})
    assert "!!python/tuple" in text
    cassette = tmp_path / "old.yaml"
    cassette.write_text(text, encoding="utf-8")
    (item,) = load_interactions(cassette)
    assert item.headers == [("h", "v")] and item.body == {"a": 1} and item.status == 200


@pytest.mark.parametrize("text", ["!!python/object/apply:os.system ['true']", "interactions: [}"])
def test_unsafe_or_broken_yaml_is_refused(tmp_path: Path, text: str) -> None:
    from summarizer.errors import CorruptRecording

    cassette = tmp_path / "bad.yaml"
    cassette.write_text(text, encoding="utf-8")
    with pytest.raises(CorruptRecording):
        load_interactions(cassette)
