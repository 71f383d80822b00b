"""Prompt v2: the compact schema its grammar enforces; worked examples as a prior exchange."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from summarizer.compact import MAX_BULLETS, MAX_EVENTS, CompactDigest
from summarizer.prompts import PromptVersion, get_version
from summarizer.schema import Digest, schema_hash
from summarizer.validation import context as validation_context


def test_v1_keeps_the_full_schema_so_its_recordings_still_replay() -> None:
    v1 = get_version("v1")
    assert v1.schema_variant == "full" and v1.response_model is Digest
    assert [m["role"] for m in v1.messages("نص", "en")] == ["system", "user"]


def test_v2_asks_for_the_compact_schema() -> None:
    v2 = get_version("v2")
    assert v2.response_model is CompactDigest
    assert schema_hash(CompactDigest) != schema_hash(Digest)
    schema = CompactDigest.model_json_schema()
    assert schema["properties"]["bullets"]["maxItems"] == MAX_BULLETS
    assert schema["properties"]["events"]["maxItems"] == MAX_EVENTS
    assert "events" in schema["required"]  # the model always writes events, maybe []
    assert schema["$defs"]["CompactEvidence"]["properties"]["quote"]["maxLength"] <= 200


def test_a_compact_digest_is_a_digest_with_the_same_validators() -> None:
    article = "قال مسؤول أمريكي إن أكثر من 10 صواريخ سقطت على القاعدة."
    bullet = {
        "text": "A US official said more than 10 rockets fell.",
        "evidence": [{"quote": "قال مسؤول أمريكي إن أكثر من 10 صواريخ"}],
    }
    digest = CompactDigest.model_validate(
        {"bullets": [bullet] * 3, "events": []}, context=validation_context(article, "en")
    )
    assert isinstance(digest, Digest)
    with pytest.raises(ValueError, match="must be written in Arabic"):
        CompactDigest.model_validate({"bullets": [bullet] * 3, "events": []}, context=validation_context(article, "ar"))


def test_v2_sends_no_worked_example() -> None:
    """Qwen 1.5B copied a worked example's quotes and event into its own answers, so v2 dropped it."""
    messages = get_version("v2").messages("نص المقال", "en")
    assert [m["role"] for m in messages] == ["system", "user"]
    assert "<article>\nنص المقال\n</article>" in messages[1]["content"]
    assert "نص المقال" not in messages[0]["content"]


def test_a_prompt_folder_with_an_example_sends_it_as_a_prior_exchange(tmp_path: Path) -> None:
    folder = tmp_path / "vx"
    folder.mkdir()
    (folder / "system.j2").write_text("system", encoding="utf-8")
    (folder / "user.j2").write_text("<article>\n{{ article }}\n</article>", encoding="utf-8")
    (folder / "example_user.j2").write_text("<article>\nمثال\n</article>", encoding="utf-8")
    (folder / "example_assistant.j2").write_text('{"bullets": []}', encoding="utf-8")
    messages = PromptVersion("vx", folder).messages("نص المقال", "en")
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert json.loads(messages[2]["content"]) == {"bullets": []}
    assert messages[3]["content"] == "<article>\nنص المقال\n</article>"


def _text_pattern(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    bullet = next(v for k, v in schema["$defs"].items() if k.startswith("CompactBullet"))
    return str(bullet["properties"]["text"]["pattern"])


def test_v2_grammar_lets_bullets_be_written_only_in_the_asked_script() -> None:
    """Qwen 1.5B wrote Arabic bullets when English was asked; the grammar now rules it out."""
    v2 = get_version("v2")
    english, arabic = _text_pattern(v2.response_model_for("en")), _text_pattern(v2.response_model_for("ar"))
    assert re.fullmatch(english, "More than 10 rockets hit the US base at Conoco (Deir ez-Zor).")
    assert not re.fullmatch(english, "تعرضت القاعدة الأميركية للاستهداف")
    assert not re.fullmatch(english, 'He said "no" to 以色列')  # no JSON escapes, no other scripts
    assert re.fullmatch(arabic, "تعرضت القاعدة الأميركية في حقل كونيكو للاستهداف بنحو 10 صواريخ.")
    assert not re.fullmatch(arabic, "More than 10 rockets")
    assert not re.fullmatch(english, "x" * 241)


def test_v2_quotes_and_names_are_ruled_by_script_but_validated_as_before() -> None:
    schema = get_version("v2").response_model_for("en").model_json_schema()["$defs"]
    quote = schema["CompactEvidence"]["properties"]["quote"]["pattern"]
    assert re.fullmatch(quote, "أكثر من 10 صواريخ انطلقت") and not re.fullmatch(quote, "more than 10 rockets")
    # A JSON-escaped double quote is allowed (the raw JSON text the grammar rules), a bare one never.
    assert re.fullmatch(quote, 'نعى \\"حزب الله\\" أحد عناصره') and not re.fullmatch(quote, 'نعى "حزب الله"')
    assert re.fullmatch(schema["CompactActor"]["properties"]["name_en"]["pattern"], "Islamic Resistance in Iraq")
    assert not re.fullmatch(schema["CompactActor"]["properties"]["name"]["pattern"], "以色列 military")
    # The patterns shape generation only: validation (and its re-ask wording) is the full Digest's.
    article = "قال مسؤول أمريكي إن أكثر من 10 صواريخ سقطت على القاعدة."
    bullet = {
        "text": "A US official said «more than 10» rockets fell.",
        "evidence": [{"quote": "قال مسؤول أمريكي إن أكثر من 10 صواريخ"}],
    }
    get_version("v2").response_model_for("en").model_validate(
        {"bullets": [bullet] * 3, "events": []}, context=validation_context(article, "en")
    )


def test_v2_schema_compiles_to_a_llama_cpp_grammar() -> None:
    grammar = pytest.importorskip("llama_cpp.llama_grammar", reason="needs the [local] extra")
    for language in ("en", "ar"):
        schema = get_version("v2").response_model_for(language).model_json_schema()
        gbnf = grammar.json_schema_to_gbnf(json.dumps(schema))
        assert "root ::=" in gbnf


def test_v2_grammar_enumerates_the_precision_codes() -> None:
    """The grammar converter ignores integer bounds; Qwen wrote geo_precision 10 and time_precision 0."""
    defs = get_version("v2").response_model_for("ar").model_json_schema()["$defs"]
    assert defs["CompactLocation"]["properties"]["geo_precision"]["enum"] == [1, 2, 3]
    assert defs["CompactEventDate"]["properties"]["time_precision"]["enum"] == [1, 2, 3]
