"""Round 12 of the claim checker, negation (issue 18): polarity checks precise on text nobody tuned on.

The polarity checks were demoted by one or two false alarms each on the pooled held-out. Their mechanisms, fixed
here on tune text only: what a negation scopes over (the negated verb, not its subject: «أن مصير المحتجزين لم
يُحسم», «ونفى الإدريسي التهم»), double negations that assert («لم يتردد في», «لم يمنع المطر ... من»), «ليس X بل
Y» (X is negated, Y told), «إلا / سوى» exceptives, the other clause of a denying window («لم يتبنَّ أي تنظيم الهجوم،
غير أن ...», «... فيما انتشلت الفرق»), a negated bullet told by a privative word of its evidence («توقفت المحطة»:
"no longer works"), «عجز ... عن», «غير» before an adjective, English litotes and irrealis ("not far from", "did not
rule out halting"). Then the errors they missed: an exception dropped («لم يطلقوا سوى الغاز» told "did not use
gas": ``polarity.exception_dropped``), a negated denial told as a denial ("ruled out" for «لم يستبعد»:
``polarity.denial_added``), and a few meanings («تغيّب» / «حضر», «دون الاستماع» / "after hearing").

Each reading is pinned on the faithful bullet it must leave alone and on the error it must still catch.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.claims.clauses import restates_stated_part
from summarizer.claims.polarity import arabic_scopes, backs_a_negation, denies
from summarizer.claims.polarity_exceptives import dropped_exception
from summarizer.evals.claims_bench import Item, findings_on
from summarizer.findings import CHECKS

ROOT = Path(__file__).resolve().parents[1]
ROUND12 = ROOT / "evals" / "claims_bench" / "tune_round12.jsonl"
ARTICLES = ROOT / "evals" / "claims_bench" / "articles_round12"


def _polarity(text: str, evidence: str, language: str | None = None) -> set[str]:
    """The polarity checks ``verify`` reports on one bullet citing ``evidence`` (the whole article here)."""
    lang = language or ("en" if sum(c.isascii() and c.isalpha() for c in text) > len(text) / 4 else "ar")
    item = Item(
        id="t", case="t", language=lang, text=text, evidence=(evidence,), label="faithful", kind="", traits=(),
        note="", source="", pair=None, split="tune", origin="test",
    )  # fmt: skip
    return {f.check for f in findings_on(item, evidence) if f.check.startswith("polarity.")}


# --- faithful bullets the polarity checks leave alone ----------------------------------------------------------

FAITHFUL = [
    # double negations that assert
    (
        "قصف الجيش الأحياء الشرقية للمدينة يوم الثلاثاء بحسب السكان.",
        "وقال سكان إن الجيش لم يتردد في قصف الأحياء الشرقية للمدينة يوم الثلاثاء.",
    ),
    (
        "The minister voiced concern about the escalation in the south.",
        "ولم يخف الوزير قلقه من التصعيد في الجنوب.",
    ),
    (
        "تجمع آلاف المتظاهرين في الساحة الرئيسية رغم المطر.",
        "ولم يمنع المطر آلاف المتظاهرين من التجمع في الساحة الرئيسية.",
    ),
    # «ليس / لم ... بل»: the second half is told
    (
        "The strike hit an inhabited house in the town of Kafr Nabl.",
        "ولم تستهدف الغارة مدرسة كما أشيع، بل منزلا مأهولا في بلدة كفرنبل.",
    ),
    (
        "استهدفت الغارة منزلاً مأهولاً في بلدة كفرنبل.",
        "ولم تستهدف الغارة مدرسة كما أشيع، بل منزلا مأهولا في بلدة كفرنبل.",
    ),
    (
        "سيُنقل معلمو الفترة المسائية إلى مدارس مكتظة في عمّان والزرقاء.",
        "وأضاف أن المعلمين الذين عملوا في الفترة المسائية لن يسرحوا بل سينقلون إلى مدارس تعاني الاكتظاظ"
        " في عمان والزرقاء.",
    ),
    # the other clause of a denying window
    (
        "Rescuers pulled three survivors from the rubble.",
        "ولم تعرف بعد حصيلة الضحايا، فيما انتشلت فرق الإنقاذ ثلاثة ناجين من تحت الأنقاض.",
    ),
    (
        "انتشلت فرق الإنقاذ ثلاثة ناجين من تحت الأنقاض.",
        "ولم تعرف بعد حصيلة الضحايا، فيما انتشلت فرق الإنقاذ ثلاثة ناجين من تحت الأنقاض.",
    ),
    (
        "صد المقاتلون هجوماً على البلدة بحسب المتحدث.",
        "ونفى المتحدث خسارة أي مواقع، وقال إن المقاتلين صدوا هجوما على البلدة.",
    ),
    # a negated bullet, a privative word in its evidence
    (
        "The power station is no longer working.",
        "وتوقفت محطة الكهرباء عن العمل منذ يوم الجمعة.",
    ),
    (
        "محطة الكهرباء لم تعد تعمل منذ الجمعة.",
        "وتوقفت محطة الكهرباء عن العمل منذ يوم الجمعة.",
    ),
    (
        "Journalists were not allowed into the area.",
        "ومنعت السلطات الصحفيين من دخول المنطقة.",
    ),
    (
        "The opposition did not attend the session.",
        "وغابت المعارضة عن جلسة البرلمان.",
    ),
    (
        "Fighting on the outskirts of the town has not stopped.",
        "وقالت الهيئة إن المعارك لا تزال مستمرة على أطراف البلدة.",
    ),
    (
        "The weapons were not licensed, police said.",
        "وقالت الشرطة إن الأسلحة المضبوطة غير مرخصة.",
    ),
    (
        "قالت الشرطة إن الأسلحة المضبوطة ليست مرخصة.",
        "وقالت الشرطة إن الأسلحة المضبوطة غير مرخصة.",
    ),
    (
        "The ministry denied the reports of a curfew in the capital.",
        "وكذّبت وزارة الداخلية الأنباء عن فرض حظر للتجول في العاصمة.",
    ),
    (
        "The ministry denied the reports.",
        "ووصفت الوزارة هذه التقارير بأنها عارية عن الصحة.",
    ),
    (
        "The hospital can no longer receive the wounded.",
        "وعجز المستشفى عن استقبال الجرحى بسبب نقص الأدوية.",
    ),
    (
        "The army failed to retake the town.",
        "وعجز الجيش عن استعادة البلدة.",
    ),
    # English litotes and set phrases
    (
        "The village is not far from the border.",
        "وتقع القرية قرب الحدود.",
    ),
    (
        "There is no doubt the situation is dangerous, the minister said.",
        "وقال الوزير: لا شك أن الوضع خطير.",
    ),
    (
        "Not just the capital but three other cities were hit by the strikes.",
        "وطالت الغارات ثلاث مدن أخرى إلى جانب العاصمة.",
    ),
    # a negated question; a negation that governs the head before a preposition, not the word after it
    ("Isn't it the people's right to know, the MP asked.", "وتساءل النائب: أليس من حق الناس أن يعرفوا؟"),
    ("The ministry said it was not responsible for the delay.", "وقالت الوزارة إنها غير مسؤولة عن التأخير."),
    ("Aid has still not reached the besieged town.", "ولا تزال المساعدات لم تصل إلى البلدة المحاصرة."),
    (
        "The court did not hear the case, adjourning it to next month.",
        "وأرجأت المحكمة النظر في القضية إلى الشهر المقبل.",
    ),
    ("قال المحافظ إن السد غير مهدد بالانهيار.", "وقال المحافظ إن السد ليس مهددا بالانهيار."),
    ("Casualties were avoided as the fire was brought under control.", "وتمت السيطرة على الحريق دون وقوع إصابات."),
    # how a source is quoted; «من غير الواضح» (it is unclear)
    (
        "A government source, who asked not to be named, said talks would resume.",
        "وقال مصدر حكومي إن المحادثات ستستأنف.",
    ),
    ("قال مصدر حكومي طلب عدم ذكر اسمه إن المحادثات ستستأنف.", "وقال مصدر حكومي إن المحادثات ستستأنف."),
    ("It was not immediately clear who was behind the attack.", "ولا يزال من غير الواضح من يقف وراء الهجوم."),
    # "claimed" an allegation, "responded" by an act: no claim of an attack, no comment
    (
        "The government claimed an armed group carried out the attack, which no one has claimed.",
        "ولم تتبن أي جهة الهجوم حتى الآن، فيما اتهمت الحكومة جماعة مسلحة بتنفيذه.",
    ),
    (
        "The army later responded by shelling the group's positions.",
        "ولم يعلق الجيش على الهجوم، لكنه قصف مواقع الجماعة في وقت لاحق.",
    ),
    # exceptives kept
    (
        "No one but a single soldier was killed in the checkpoint attack.",
        "ولم يقتل في الهجوم على الحاجز سوى جندي واحد.",
    ),
    (
        "Police did not use live fire, only tear gas, the spokesman said.",
        "وقال المتحدث إن الشرطة لم تستخدم إلا الغاز المسيل للدموع لتفريق المتظاهرين.",
    ),
    (
        "قال الوزير إن الحكومة لن توقع الاتفاق قبل موافقة البرلمان.",
        "وأكد الوزير أن الحكومة لن توقع الاتفاق إلا بعد موافقة البرلمان.",
    ),
    (
        "أفرج عن جميع المعتقلين ما عدا ثلاثة متهمين بالتخريب.",
        "وقالت الوزارة إن جميع المعتقلين أطلق سراحهم باستثناء ثلاثة متهمين بالتخريب.",
    ),
]


@pytest.mark.parametrize(("bullet", "evidence"), FAITHFUL)
def test_a_faithful_bullet_raises_no_polarity_finding(bullet: str, evidence: str) -> None:
    assert _polarity(bullet, evidence) == set()


# --- errors still caught --------------------------------------------------------------------------------------

ERRORS = [
    (
        "منع المطر آلاف المتظاهرين من التجمع في الساحة الرئيسية.",
        "ولم يمنع المطر آلاف المتظاهرين من التجمع في الساحة الرئيسية.",
        "polarity.asserted",
    ),
    (
        "استهدفت الغارة مدرسة في بلدة كفرنبل.",
        "ولم تستهدف الغارة مدرسة كما أشيع، بل منزلا مأهولا في بلدة كفرنبل.",
        "polarity.asserted_paraphrase",
    ),
    (
        "The power station has not stopped working.",
        "وتوقفت محطة الكهرباء عن العمل منذ يوم الجمعة.",
        "polarity.negated",
    ),
    (
        "Officials denied that the power station stopped working.",
        "وتوقفت محطة الكهرباء عن العمل منذ يوم الجمعة.",
        "polarity.negated",
    ),
    (
        "لا صحة لأن محطة الكهرباء توقفت عن العمل.",
        "وتوقفت محطة الكهرباء عن العمل منذ يوم الجمعة.",
        "polarity.negated_whole",
    ),
    (
        "Fighting on the outskirts of the town is no longer going on.",
        "وقالت الهيئة إن المعارك لا تزال مستمرة على أطراف البلدة.",
        "polarity.negated_whole",
    ),
    (
        "Officials denied that explosives were seized.",
        "وضبط كميات من المواد المتفجرة وأسلحة نارية غير مرخصة",
        "polarity.negated_whole",
    ),
    (
        "Police did not use tear gas to disperse the protesters.",
        "وقال المتحدث إن الشرطة لم تستخدم إلا الغاز المسيل للدموع لتفريق المتظاهرين.",
        "polarity.exception_dropped",
    ),
    (
        "قال المتحدث إن الشرطة لم تستخدم الغاز المسيل للدموع.",
        "وقال المتحدث إن الشرطة لم تستخدم إلا الغاز المسيل للدموع لتفريق المتظاهرين.",
        "polarity.exception_dropped",
    ),
    (
        "No soldiers were killed in the attack on the checkpoint.",
        "ولم يقتل في الهجوم على الحاجز سوى جندي واحد.",
        "polarity.exception_dropped",
    ),
    (
        "قال الوزير إن الحكومة لن توقع الاتفاق حتى لو وافق البرلمان.",
        "وأكد الوزير أن الحكومة لن توقع الاتفاق إلا بعد موافقة البرلمان.",
        "polarity.exception_dropped",
    ),
    (
        "All detainees were released, including three accused of vandalism.",
        "وقالت الوزارة إن جميع المعتقلين أطلق سراحهم باستثناء ثلاثة متهمين بالتخريب.",
        "polarity.exception_dropped",
    ),
    (
        "An armed group claimed the attack.",
        "ولم تتبن أي جهة الهجوم حتى الآن، فيما اتهمت الحكومة جماعة مسلحة بتنفيذه.",
        "polarity.acknowledged",
    ),
    (
        "The army responded to a request for comment.",
        "ولم يعلق الجيش على الهجوم، لكنه قصف مواقع الجماعة في وقت لاحق.",
        "polarity.asserted",
    ),
    (
        "It is not true that the attackers were identified.",
        "وقال مسؤول إن الجهة المنفذة للهجوم غير واضحة حتى الآن.",
        "polarity.negated_whole",
    ),
    (
        "The governor ruled out halting the third unit.",
        "ولم يستبعد الوالي تعليق نشاط الوحدة الثالثة إلى حين صدور نتائج التحقيق",
        "polarity.denial_added",
    ),
]


@pytest.mark.parametrize(("bullet", "evidence", "check"), ERRORS)
def test_the_error_is_still_caught(bullet: str, evidence: str, check: str) -> None:
    assert check in _polarity(bullet, evidence)


def test_the_new_checks_are_warnings_registered_as_polarity() -> None:
    from summarizer.findings import ERROR_CHECKS

    for check in ("polarity.exception_dropped", "polarity.denial_added"):
        assert CHECKS[check] == "polarity"
        assert check not in ERROR_CHECKS


# --- the readings underneath ----------------------------------------------------------------------------------


def test_the_subject_of_a_negated_verb_is_not_asserted() -> None:
    _, asserted, _ = arabic_scopes("وأشار إلى أن مصير المحتجزين لم يُحسم بعد")
    assert "مصير" not in asserted
    _, asserted, _ = arabic_scopes("وقصف الجيش القرية ولم يصب أحد")  # a coordinated clause before: told
    assert "قصف" in asserted


def test_a_negated_preventing_asserts_what_it_would_prevent() -> None:
    scopes, asserted, _ = arabic_scopes("ولم يمنع المطر المتظاهرين من التجمع")
    assert any("تجمع" in a for a in asserted) and all(not any("تجمع" in w for w in s) for s in scopes)
    assert not denies("ولم يمنع المطر المتظاهرين من التجمع في الساحة")


def test_a_privative_backs_a_negated_bullet_only_when_it_is_about_it() -> None:
    window = "وتوقفت محطة الكهرباء عن العمل منذ يوم الجمعة."
    assert backs_a_negation("The power station is no longer working.", window)
    assert not backs_a_negation("The power station has not stopped.", window)  # the privative's own word
    assert not backs_a_negation("No official comment was made.", "في ظل نقص حاد في الغذاء والدواء")


def test_the_other_clause_of_a_denying_window() -> None:
    window = "ولم يتبن أي تنظيم الهجوم، لكن تجارا في السوق قالوا إن أصحاب المحال يتلقون تهديدات من حركة الشباب"
    assert not restates_stated_part("تفرض حركة الشباب إتاوات على أصحاب المحال.", window)  # told as fact
    back = "ونقلت الوكالة أن الجيش انتشر في البلدة، وهو ما نفاه ناشطون محليون."
    assert not restates_stated_part("انتشر الجيش في البلدة بحسب الوكالة.", back)  # the denial refers back
    told = "ولم تعرف بعد حصيلة الضحايا، فيما انتشلت فرق الإنقاذ ثلاثة ناجين من تحت الأنقاض."
    assert restates_stated_part("انتشلت فرق الإنقاذ ثلاثة ناجين.", told)
    assert not restates_stated_part("انتشلت فرق الإنقاذ ثلاثة ناجين وعرفت حصيلة الضحايا.", told)


def test_an_exceptive_kept_in_other_words_is_no_drop() -> None:
    window = ("وأكد الوزير أن الحكومة لن توقع الاتفاق إلا بعد موافقة البرلمان.",)
    assert dropped_exception("The government will sign only after parliament approves.", window) is None
    assert dropped_exception("The government will not sign until parliament approves.", window) is None
    assert dropped_exception("لن توقع الحكومة الاتفاق ما لم يوافق البرلمان.", window) is None
    assert dropped_exception("لن توقع الحكومة الاتفاق.", window) is not None


# --- the round 12 tune fixtures -------------------------------------------------------------------------------


def _fixtures() -> dict[str, dict[str, object]]:
    rows = [json.loads(line) for line in ROUND12.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {str(row["id"]): row for row in rows}


def _fixture_polarity(item_id: str) -> set[str]:
    row = _fixtures()[item_id]
    article = json.loads((ARTICLES / f"{row['case']}.json").read_text(encoding="utf-8"))["article"]
    item = Item(
        id=item_id, case=str(row["case"]), language=str(row["language"]), text=str(row["text"]),
        evidence=tuple(str(e) for e in row["evidence"]),  # type: ignore[attr-defined]
        label=str(row["label"]), kind=str(row["kind"]), traits=(), note="", source="", pair=None, split="tune",
        origin="round12",
    )  # fmt: skip
    return {f.check for f in findings_on(item, article) if f.check.startswith("polarity.")}


# faithful round 12 bullets the older checks flagged: the subject slot, «ليس ... بل», «هم», «اكتفت», apposition
ROUND12_FAITHFUL = [
    "r12-a12-01-ar-05", "r12-a12-01-en-19", "r12-a12-02-en-01", "r12-a12-02-ar-03", "r12-a12-03-en-08",
    "r12-a12-03-en-16", "r12-a12-04-en-14", "r12-a12-04-en-20", "r12-a12-04-ar-24", "r12-a12-05-ar-08",
    "r12-a12-05-en-16", "r12-a12-02-ar-07", "r12-a12-04-ar-10",
]  # fmt: skip
# negation errors of round 12, each with the check that now catches it
ROUND12_ERRORS = [
    ("r12-a12-01-ar-10", "polarity.exception_dropped"), ("r12-a12-02-ar-08", "polarity.exception_dropped"),
    ("r12-a12-02-en-20", "polarity.exception_dropped"), ("r12-a12-04-en-06", "polarity.exception_dropped"),
    ("r12-a12-05-ar-06", "polarity.exception_dropped"), ("r12-a12-05-en-10", "polarity.exception_dropped"),
    ("r12-a12-01-ar-11", "polarity.acknowledged"), ("r12-a12-03-en-13", "polarity.asserted"),
    ("r12-a12-05-en-06", "polarity.asserted"), ("r12-a12-04-en-12", "polarity.dropped_without"),
    ("r12-a12-04-ar-20", "polarity.antonym"), ("r12-a12-03-en-17", "polarity.denial_added"),
    ("r12-a12-03-en-18", "polarity.asserted"), ("r12-a12-02-ar-04", "polarity.asserted"),
    ("r12-a12-01-en-20", "polarity.asserted"),
]  # fmt: skip


@pytest.mark.parametrize("item_id", ROUND12_FAITHFUL)
def test_round12_faithful_fixture_raises_no_polarity_finding(item_id: str) -> None:
    assert _fixture_polarity(item_id) == set()


@pytest.mark.parametrize(("item_id", "check"), ROUND12_ERRORS)
def test_round12_negation_error_is_caught(item_id: str, check: str) -> None:
    assert check in _fixture_polarity(item_id)
