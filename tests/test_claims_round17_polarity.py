"""Round 17 of the claim checker, negation: the words a negation reaches, read as a linguist reads them.

Round 16's retired held-out and round 15's gave ``polarity.asserted`` and ``polarity.clause_asserted`` false alarms
of three structural kinds, fixed here by readings that hold for any writer:

- «غير» before an adjective negates that adjective and its complement («غير قادرة على دفع الرواتب»), not the
  words after it («منظمة غير حكومية ترصد الانتهاكات»: a non-governmental body that monitors: the monitoring is told);
- a denial verb reaches its «أن» clause past an apposition set off by commas («نفى فلان، محامي المتهم، أن يكون
  ...»): what that clause says is denied, not told;
- a bullet that negates another form of the evidence's negated word tells the same negation: a noun's «ة» before a
  pronoun («وليس نهايتها» for «ليس نهاية ...»), an indefinite accusative («ليس حلاً» for «لا يحلّ»).

And same-article names (``name.article_swap``): a GeoNames town that is a cardinal heading a number («من أكثر من
واحد وعشرين ألف مودع»: the village «واحد» after «من») is that number.

And two clause readings (``polarity.clause_asserted``): a verbal noun of denial coordinated in a tally («بأغلبية 41
نائباً مقابل 19 وامتناع ستة») opens a clause of its own, as its verb does, so the tally is stated; and an English
name that opens its sentence before an apposition and a denial verb ("X, an activist, denied that") is the denier.

And ``name.unknown``: a place or group noun made definite («الحي», «المطار») heads no construct, so the word after
it is no name in a name's position («الرصاص الحي لتفريق المحتجين»: live fire to disperse).

And ``polarity.negated_whole``: a window's superlative since a time («أعنف احتجاجات منذ آب 2023», "the worst
since") backs a bullet's negation of it («لم تشهد المنطقة احتجاجات بهذا العنف منذ», "not seen since").

And a detection: where «بل» replaces a negated verb's complement by a definite noun («لم يأتوا للمواجهة بل
للمطالبة»), the complement is denied with its verb, and a prepositional phrase after the verb is not its subject.

And an adverb of place («داخله», "inside it") is no form of the verb of its root a window negates («لم يدخله»).

And an English compound of a word-forming prefix and a dictionary word ("Cybersecurity expert Hassan ...") is a
common word, not an unknown name.

Each fix keeps the catch of the same sentence told the other way round (an unfaithful example beside each faithful).
"""

from __future__ import annotations

import pytest

from summarizer.arabic import normalize_text
from summarizer.claims.arabic_names import unknown_arabic_names
from summarizer.claims.clauses import english_clause_conflict
from summarizer.claims.english import is_common_english
from summarizer.claims.naming import _heads_a_number, bullet_names
from summarizer.claims.polarity import arabic_negations
from tests.test_claims_round12_negation import _polarity

_ASSERTING = {"polarity.asserted", "polarity.clause_asserted"}

FAITHFUL = [
    # «غير» negates its adjective only: the body's monitoring is told
    (
        "An NGO that monitors press freedom recorded 40 arrests of journalists this year.",
        "وسجلت منظمة غير حكومية ترصد حرية الصحافة 40 حالة اعتقال لصحافيين منذ مطلع العام",
    ),
    (
        "سجلت منظمة غير حكومية ترصد حرية الصحافة أربعين حالة اعتقال لصحافيين هذا العام.",
        "وسجلت منظمة غير حكومية ترصد حرية الصحافة 40 حالة اعتقال لصحافيين منذ مطلع العام",
    ),
    # a denial verb, an apposition, then its «أن» clause
    (
        "نفى سامر الخطيب، مدير المصنع، أن يكون العمال قد تسمموا، وقال إن الفحوص جاءت سليمة.",
        "وقال مدير المصنع سامر الخطيب إن العمال «لم يتعرضوا لأي تسمم»، مضيفاً أن الفحوص جاءت سليمة",
    ),
    # the negated noun with a possessive pronoun, and a verb for an indefinite accusative noun
    (
        "قال الوزير إن الهدنة بداية الحل وليست نهايته.",
        "وقال الوزير إن الهدنة «ليست نهاية الحل، بل بدايته»",
    ),
    (
        "قالت النقابة إن زيادة الرسوم لا تحل عجز الجامعة بل تثقل الطلاب.",
        "وقالت النقابة إن زيادة الرسوم «ليست حلاً لعجز الجامعة، بل عبء على الطلاب»",
    ),
]


@pytest.mark.parametrize(("bullet", "evidence"), FAITHFUL)
def test_faithful_constructions_pass(bullet: str, evidence: str) -> None:
    assert not _polarity(bullet, evidence) & _ASSERTING


UNFAITHFUL = [
    # what «غير» and its adjective's complement negate, told as done
    (
        "قالت البلدية إنها قادرة على دفع رواتب العمال.",
        "وقالت البلدية إنها غير قادرة على دفع رواتب العمال منذ شهرين",
    ),
    # the denied clause told as a fact
    (
        "قال سامر الخطيب، مدير المصنع، إن العمال تسمموا.",
        "ونفى مدير المصنع، سامر الخطيب، أن يكون العمال قد تسمموا",
    ),
    # the correction told the other way round
    (
        "قال الوزير إن الهدنة نهاية الحل وليست بدايته.",
        "وقال الوزير إن الهدنة «ليست نهاية الحل، بل بدايته»",
    ),
]


@pytest.mark.parametrize(("bullet", "evidence"), UNFAITHFUL)
def test_unfaithful_kept(bullet: str, evidence: str) -> None:
    assert _polarity(bullet, evidence)


def test_ghair_reaches_its_adjective_and_complement() -> None:
    _, _, asserted, denied = arabic_negations("منظمة غير حكومية ترصد حرية الصحافة")
    assert "حكوميه" in denied and "ترصد" in asserted
    _, _, asserted, denied = arabic_negations("البلدية غير قادرة على دفع رواتب العمال")
    assert {"قادره", "دفع"} <= denied


def test_denial_reaches_its_that_clause_past_an_apposition() -> None:
    _, _, asserted, denied = arabic_negations("نفى سامر الخطيب، مدير المصنع، أن يكون العمال قد تسمموا")
    assert "تسمموا" in denied and "تسمموا" not in asserted
    # the denial ends with its sentence: a later «أن» clause is told
    _, _, asserted, _ = arabic_negations("نفى سامر الخطيب الأنباء. وأكد أن العمال تسمموا")
    assert "تسمموا" in asserted


# --- same-article names: a cardinal that GeoNames knows as a village ------------------------------------------

_FRAUD = (
    "أعلنت الشرطة أن محتالاً جمع نحو مليون دينار من أكثر من 21 ألف شخص. وصدر بيان عن النيابة. "
    "وأوقف شخص واحد فقط. ونُقل المتهم إلى مدينة دبي."
)


def test_a_cardinal_heading_a_number_is_no_town() -> None:
    tokens = normalize_text("من أكثر من واحد وعشرين ألف شخص").split()
    assert _heads_a_number(tokens, 3, 4)
    assert not _heads_a_number(normalize_text("فرّ المتهم إلى واحد").split(), 3, 4)


def test_the_town_itself_still_counted() -> None:
    # the same word where a place stands: the article's other town, not the evidence's
    swapped = bullet_names("فرّ المتهم إلى واحد.", "ونُقل المتهم إلى مدينة دبي", _FRAUD, ())
    assert [f[0] for f in swapped] == ["name.article_swap"]


# --- clause readings: a denial told by its noun in a tally; a denier named before an apposition --------------------

_TALLY = "وأقرّ المجلس القانون بأغلبية 52 نائباً مقابل 11 عارضوه وامتناع أربعة عن التصويت"


def test_an_abstention_in_a_tally_denies_only_itself() -> None:
    faithful = "The council passed the law by 52 votes to 11, with four abstentions."
    assert english_clause_conflict(faithful, _TALLY) is None
    # the tally's own clause is stated: a bullet that denies its opposition still contradicts it
    assert "polarity.clause_negated" in _polarity("أقرّ المجلس القانون بأغلبية 52 نائباً، ولم يعارضه أي نائب.", _TALLY)


_DENIAL = "ونفى المتحدث باسم النقابة سليم الحداد أن يكون العمال قد أغلقوا الطريق"


def test_a_denier_named_before_an_apposition_is_the_denier() -> None:
    faithful = "Salim al-Haddad, the union's spokesman, denied that the workers blocked the road."
    assert english_clause_conflict(faithful, _DENIAL) is None
    # the same name, stating what he denied, is still read against the denial
    assert english_clause_conflict(
        "Salim al-Haddad, the union's spokesman, said the workers blocked the road.", _DENIAL
    )


# --- unknown Arabic names: a definite place noun heads no name -------------------------------------------------------

_RIOT = "وفرّقت الشرطة المحتجين بالرصاص الحي في حي الميدان، بحسب شهود."


def test_a_definite_place_noun_is_followed_by_its_adjective_not_a_name() -> None:
    # «الحي» after «الرصاص» is "live": «لتفريق» (to disperse) is no name standing in a place's position
    assert unknown_arabic_names("استخدمت الشرطة الرصاص الحي لتفريق المحتجين.", _RIOT) == []
    # an indefinite «حي» still opens a name the article lacks
    assert unknown_arabic_names("اقتحمت الشرطة حي القصاع.", _RIOT) == ["القصاع"]


# --- a negated bullet backed by a superlative since a time ------------------------------------------------

_FLOODS = "وتعد هذه أسوأ فيضانات تضرب الإقليم منذ عام 1998، بحسب الأرصاد الجوية"


def test_nothing_like_it_since_restates_the_worst_since() -> None:
    assert "polarity.negated_whole" not in _polarity("لم يشهد الإقليم فيضانات بهذا السوء منذ عام 1998.", _FLOODS)
    assert "polarity.negated_whole" not in _polarity(
        "The province has not seen floods this bad since 1998, the weather office said.", _FLOODS
    )
    # a negation of something else the window never denies is still read
    assert "polarity.negated_whole" in _polarity("لم تتسبب الفيضانات في أي أضرار في الإقليم منذ عام 1998.", _FLOODS)


def test_still_in_the_dual_negates_nothing() -> None:
    evidence = "وأضاف الطبيب أن مصابَين لا يزالان في العناية المركزة"
    assert not _polarity("Two of the wounded remain in intensive care, the doctor said.", evidence)
    assert not _polarity("قال الطبيب إن مصابَين ما زالا في العناية المركزة.", evidence)


# --- a correction of a verb's complement («لم يأتوا للمواجهة بل للمطالبة») ----------------------------------------

_PURPOSE = 'وقال رئيس الاتحاد إن العمال "لم يخرجوا للتخريب بل للمطالبة بأجورهم"'


def test_a_corrected_complement_is_denied_with_its_verb() -> None:
    # the purpose the window denies, told as the purpose: the correction reversed
    assert "polarity.asserted" in _polarity("قال رئيس الاتحاد إن العمال خرجوا للتخريب لا للمطالبة بأجورهم.", _PURPOSE)
    # told the right way round
    assert not _polarity("قال رئيس الاتحاد إن العمال خرجوا للمطالبة بأجورهم لا للتخريب.", _PURPOSE) & _ASSERTING


def test_an_adverb_of_place_is_no_form_of_the_negated_verb() -> None:
    evidence = "وطوّق الجيش الملعب، لكنه لم يدخله، إذ يتولى الأمن داخله حراس النادي"
    assert "polarity.asserted" in _polarity("طوّق الجيش الملعب ثم دخله لضبط الأمن.", evidence)
    assert not _polarity("طوّق الجيش الملعب ولم يدخله، فالأمن داخله بيد حراس النادي.", evidence) & _ASSERTING


def test_a_prefixed_dictionary_word_is_common_english() -> None:
    assert is_common_english("Cybersecurity") and is_common_english("Counterterrorism")
    # a name that only begins like a prefix stays a name
    assert not is_common_english("Overton") and not is_common_english("Interpol")
