"""Round 8 of the claim checker (issue 18): a fresh held-out and tune fixtures, frozen before the checker ran.

The data tests pin what the benchmark's round-8 files are: the hand-written held-out only on held-out cases, the
tune fixtures only on tune cases, each unfaithful edit beside its faithful twin, and the real-model held-out exactly
the labelled fixture (``tests/fixtures/claims_real_model_round8.json``), re-extractable from the recordings it was
labelled from.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

from summarizer.evals import claims_bench as bench

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "evals" / "claims_bench"
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "claims_real_model_round8.json").read_text(encoding="utf-8"))


def _rows(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _heldout(case_id: str) -> bool:
    return int(hashlib.sha256(case_id.encode("utf-8")).hexdigest(), 16) % 10 < 3


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_round8_hand_written_parts_stay_on_their_side_of_the_split_and_are_paired() -> None:
    for name, prefix, held in (("heldout_round8.jsonl", "r8h-", True), ("tune_round8.jsonl", "r8-", False)):
        rows = _rows(name)
        assert len(rows) >= 150, name
        assert all(str(r["id"]).startswith(prefix) and _heldout(str(r["case"])) == held for r in rows), name
        assert all(r["pair"] is not None for r in rows if r["label"] == "unfaithful"), name
        assert {r["language"] for r in rows} == {"en", "ar"} and {r["source"] for r in rows} == {"hand-written"}
        kinds = Counter(str(r["kind"]) for r in rows if r["label"] == "unfaithful")
        for weak in ("negation", "number_digit", "name_swap_same_article", "actor_target_reversed"):
            assert kinds[weak] >= 15, (name, weak, kinds)


def test_round8_real_model_part_is_the_labelled_fixture_minus_its_excluded_bullets() -> None:
    items = FIXTURE["items"]
    assert all(_heldout(i["case"]) for i in items)
    assert {i["label"] for i in items} <= {"faithful", "unfaithful", "excluded"}
    assert all(i["kind"] in ("garbled", "no_claim") for i in items if i["label"] == "excluded")
    assert all(i["kind"] == "real_model" for i in items if i["label"] == "faithful")
    kept = {f"real8-{i['key']}" for i in items if i["label"] != "excluded"}
    rows = _rows("heldout_round8_real.jsonl")
    assert {str(r["id"]) for r in rows} == kept and len(rows) == len(kept) >= 100
    assert all(str(r["source"]).startswith("real-model:qwen2.5-coder-") for r in rows)


def test_round8_real_bullets_are_what_the_recordings_hold_and_none_was_labelled_before() -> None:
    extractor = _module(DATA / "extract_round8.py", "extract_round8")
    items = FIXTURE["items"]
    assert all(i["key"] == extractor.base.key_of(i["case"], i["language"], i["text"], i["evidence"]) for i in items)
    older = json.loads((ROOT / "tests" / "fixtures" / "claims_real_model_round4.json").read_text(encoding="utf-8"))
    assert not {i["key"] for i in items} & {i["key"] for i in older["items"]}
    extracted, _, hashes = extractor.extract()
    if hashes != FIXTURE["recordings"]:  # a re-recorded cassette: the labels stand for the recordings they read
        return
    assert [i["key"] for i in extracted] == [i["key"] for i in items]


def test_round8_files_load_as_their_own_sources_and_all_leaves_them_out() -> None:
    hand = bench.load_items(DATA, ("tune", "heldout"), (bench.ROUND8,))
    assert {i.split for i in hand} == {"tune", "heldout"} and {i.origin for i in hand} == {bench.ROUND8}
    real = bench.load_items(DATA, ("tune", "heldout"), (bench.ROUND8_REAL,))
    assert {i.split for i in real} == {"heldout"} and len(real) == len(_rows("heldout_round8_real.jsonl"))
    everyday = bench.load_items(DATA, ("tune", "heldout"), bench.SOURCES)
    assert not [i for i in everyday if i.origin in (bench.ROUND8, bench.ROUND8_REAL)]
