"""Session 15 (roles15): name, role and polarity readings that hold for any writer (leave-one-writer-out on the
retired held-outs of rounds 12-14). Each test pins one mechanism, in English and in Arabic where both apply:

- polarity: negation particles that negate no statement (a name's «بلا حدود» / "Without Borders", «دون» before a
  figure, "without a break" / «دون توقف»); litotes said on both sides; "made no comment" negates its verb; an age or
  a span is no subject; a name before «إنه» is the source; an Arabic privative word restating its evidence's
  negation; a bullet as long as a whole correction window («ليس ... بل») asserting throughout; a weekday as a
  clause's anchor (``polarity.clause_by_day``);
- names: abbreviated ranks, acronyms defined in brackets or spelled letter by letter (``name.unknown_acronym`` for
  the rest), exonyms, designations ("Block 47"), a state by its form of government and two places at once as
  back-references, a source cue takes no town, a person in apposition to the evidence's speaker is a rival;
- speakers: each window keeps its sentence's speaker, «نُقل» (moved) is no verb of saying, «ولاية» and «تنسيقية»
  translate their roles, a credited speaker's affiliation counts;
- attribution: «يُدعى» before a name and a counted «متهم» are no claim or accusation; a title apposition restates no
  denied clause.
"""

from __future__ import annotations

from summarizer.claims import attribution, naming, speakers
from summarizer.claims.clauses import english_clause_conflict, restates_stated_part, weekday_clause_conflict
from summarizer.claims.names import acronym_spelled_in
from summarizer.claims.naming import bullet_names
from summarizer.claims.polarity import restates_by_privative, restates_litotes
from summarizer.claims.polarity_dropped import dropped_negation
from summarizer.evals.claims_bench import Item, findings_on
from summarizer.findings import CHECKS, error_checks


def _checks(text: str, windows: tuple[str, ...], article: str | None = None) -> set[str]:
    """The checks ``verify`` reports on one bullet citing ``windows`` of ``article`` (their join by default)."""
    article = article if article is not None else "\n".join(windows)
    lang = "en" if sum(c.isascii() and c.isalpha() for c in text) > len(text) / 4 else "ar"
    item = Item(
        id="t", case="t", language=lang, text=text, evidence=windows, label="faithful", kind="", traits=(),
        note="", source="", pair=None, split="tune", origin="test",
    )  # fmt: skip
    return {f.check for f in findings_on(item, article)}


def _polarity(text: str, *windows: str) -> set[str]:
    return {c for c in _checks(text, windows) if c.startswith("polarity.")}


def _names(text: str, evidence: str, article: str) -> list[tuple[str, str]]:
    return [(check, claim) for check, claim, _ in bullet_names(text, evidence, article, ())]


# --- polarity: particles that negate no statement --------------------------------------------------------------


def test_a_negation_inside_a_name_negates_nothing() -> None:
    evidence = "وقالت منظمة مراسلون بلا حدود إن الصحفي أصيب برصاصة في ساقه"
    assert _polarity("Reporters Without Borders said the journalist was shot in the leg.", evidence) == set()
    assert _polarity("قالت منظمة مراسلون بلا حدود إن الصحفي أصيب برصاصة في ساقه.", evidence) == set()


def test_duna_before_a_figure_is_below() -> None:
    evidence = "وقدّرت اللجنة نسبة المشاركة بأقل من 30 في المئة"
    assert _polarity("وقدّرت اللجنة نسبة المشاركة بما دون 30 في المئة.", evidence) == set()


def test_without_a_break_is_continuous() -> None:
    evidence = "وقال إن فرق الإطفاء عملت 20 ساعة متواصلة حتى أخمدت الحريق"
    assert (
        _polarity("He said firefighters worked for 20 hours without a break until the fire was out.", evidence) == set()
    )
    assert _polarity("وقال إن فرق الإطفاء عملت 20 ساعة دون توقف حتى أخمدت الحريق.", evidence) == set()


def test_litotes_said_on_both_sides_is_the_same_statement() -> None:
    evidence = "ولم تكن هذه المرة الأولى التي يُقصف فيها الجسر، إذ استهدف مرتين خلال العام الماضي"
    faithful = "It was not the first time the bridge had been shelled: it was hit twice last year."
    assert restates_litotes(faithful, [evidence])
    assert _polarity(faithful, evidence) == set()
    assert not restates_litotes("It was the first time the bridge had been shelled.", [evidence])


def test_no_after_a_verb_negates_the_verb_whose_subject_stands_before_it() -> None:
    evidence = "ولم تعلّق الحكومة في دمشق رسمياً على الأحداث"
    assert english_clause_conflict("Damascus made no official comment on the events.", evidence) is None
    assert english_clause_conflict("Damascus issued an official comment on the events.", evidence) == "asserted"


def test_an_age_before_a_negation_is_no_subject() -> None:
    evidence = 'وقالت والدة الطفلة إن ابنتها البالغة 12 عاماً "لم تذهب إلى المدرسة منذ شهرين"'
    bullet = "The mother said her 12-year-old daughter had not gone to school for two months."
    assert english_clause_conflict(bullet, evidence) is None
    assert english_clause_conflict("The mother, 12 years in the camp, said her daughter went to school.", evidence) in (
        None,
        "asserted",
    )


def test_a_name_before_inna_is_the_source_not_the_subject() -> None:
    evidence = 'وارتفعت أسعار الوقود بنسبة 15 في المئة هذا الشهر، وهو ما قال حمدان إنه "لا يساعد المفاوضات"'
    bullet = "Fuel prices rose by 15% this month, which Hamdan said does not help the talks."
    assert english_clause_conflict(bullet, evidence) is None


def test_an_arabic_privative_word_restates_a_negation() -> None:
    evidence = "ولم يحضر الوزير اجتماع الحكومة الأسبوعي بسبب وعكة صحية"
    assert restates_by_privative("وغاب الوزير عن اجتماع الحكومة الأسبوعي لأسباب صحية.", [evidence])
    assert _polarity("وغاب الوزير عن اجتماع الحكومة الأسبوعي لأسباب صحية.", evidence) == set()
    # not where the evidence negates the privative word itself («لم يغب»: he did attend)
    assert not restates_by_privative("وغاب الوزير عن اجتماع الحكومة.", ["ولم يغب الوزير عن اجتماع الحكومة"])
    # «أوقف» is also "arrested": no privative reading
    assert not restates_by_privative("أوقفت الشرطة ستة أشخاص.", ["أعلنت الشرطة توقيف ستة أشخاص لم توجه إليهم تهم"])
    # English bullets are not read this way ("broke up", "left" have other senses)
    assert not restates_by_privative("The minister was absent from the cabinet meeting.", [evidence])


def test_a_bullet_telling_a_whole_correction_as_fact_dropped_its_negation() -> None:
    evidence = 'وقالت الوزيرة إن ما حدث "ليس اختراقاً للقاعدة، بل هجوم حجب خدمة"'
    both = "The minister said what happened was a breach of the database as well as an attack that flooded its servers."
    assert dropped_negation(both, evidence)
    assert not dropped_negation("The minister said it was an attack that flooded its servers.", evidence)


def test_a_weekday_anchors_an_english_clause() -> None:
    evidence = "ولم يعلن الجيش أي هدنة حتى مساء الجمعة، فيما قال الوسطاء إن المحادثات مستمرة"
    assert weekday_clause_conflict("The army had announced a truce by Friday evening.", evidence) == "asserted"
    assert weekday_clause_conflict("The army had not announced a truce by Friday evening.", evidence) is None
    # a clause that bounds a time ("not until", "only") restates «لم ... حتى»; a fronted phrase has no verb
    assert weekday_clause_conflict("The curfew was lifted only on Friday.", "ولم يُرفع حظر التجول حتى الجمعة") is None
    assert weekday_clause_conflict("As of Friday evening, the army had not announced a truce.", evidence) is None
    assert "polarity.clause_by_day" in CHECKS
    assert "polarity.clause_by_day" not in error_checks()
    # (a bullet shorter than its evidence: ``polarity.dropped_negation``, read before, does not fire)
    bullet = "The army had announced a truce by Friday evening, mediators said."
    windows = (
        "ولم يعلن الجيش أي هدنة حتى مساء الجمعة",
        "وقال الوسطاء في بيان صدر عن مكتبهم في العاصمة إن المحادثات بين الطرفين مستمرة منذ أسبوعين",
    )
    assert "polarity.clause_by_day" in _polarity(bullet, *windows)


# --- names --------------------------------------------------------------------------------------------------------

_ARTICLE = (
    "أعلنت وزارة الطاقة والمعادن العُمانية اكتشافاً جديداً للغاز في منطقة الامتياز رقم 12.\n"
    "وهو أكبر اكتشاف غازي في السلطنة منذ خمس سنوات.\n"
    "وتعود نسبة 40 في المئة إلى شريك آسيوي، فيما قالت شركة أوكيو إنها ستبدأ الحفر.\n"
    "وقال اللواء خالد الحمداني إن الحقل محمي.\n"
)


def test_an_abbreviated_rank_is_no_name() -> None:
    found = _names("Maj. Gen. Khalid al-Hamdani said the field was protected.", "وقال اللواء خالد الحمداني", _ARTICLE)
    assert not [claim for _, claim in found if claim in ("Maj", "Gen")]


def test_acronyms_defined_spelled_or_unknown() -> None:
    assert naming._defined_here("ONEE", "The National Office of Electricity and Drinking Water (ONEE) denied it.")
    assert not naming._defined_here("ONEE", "ONEE spokesman Youssef Benkirane said supplies were not affected.")
    assert acronym_spelled_in("OQ", "فيما قالت شركة أوكيو إنها ستبدأ الحفر")
    assert acronym_spelled_in("BBC", "وقال لقناة بي بي سي")
    assert not acronym_spelled_in("UN", "الأمم المتحدة")
    evidence = "فيما قالت شركة أوكيو إنها ستبدأ الحفر"
    assert not _names("OQ said it would start drilling.", evidence, _ARTICLE)
    found = _names("LNG exports will start next year, OQ said.", evidence, _ARTICLE)
    assert ("name.unknown_acronym", "LNG") in found
    assert "name.unknown_acronym" in CHECKS and "name.unknown_acronym" not in error_checks()


def test_exonyms_and_designations() -> None:
    assert not _names("An Asian partner holds 40% of Block 12.", "وتعود نسبة 40 في المئة إلى شريك آسيوي", _ARTICLE)
    article = "وأفادت مندوبية الحكومة الإسبانية في سبتة بأن 40 شخصاً وصلوا سباحة.\n"
    assert not _names("Forty people swam to Ceuta, the Spanish delegation said.", article.strip(), article)


def test_back_references_to_a_state_and_to_two_places() -> None:
    assert not _names(
        "وهو أكبر اكتشاف للغاز في عُمان منذ خمس سنوات.", "وهو أكبر اكتشاف غازي في السلطنة منذ خمس سنوات", _ARTICLE
    )
    article = "اندلعت احتجاجات في مدينة كوستي ومدينة ربك.\nوأعلن الوالي حظر تجوال ليلياً في المدينتين.\n"
    assert not _names("أعلن الوالي حظر التجول في كوستي وربك.", "وأعلن الوالي حظر تجوال ليلياً في المدينتين", article)


def test_a_source_cue_takes_no_town() -> None:
    article = "وبحسب السلطات الإسبانية، وصل 40 شخصاً إلى المدينة.\nوأفادت مندوبية الحكومة الإسبانية بذلك.\n"
    found = _names(
        "وبحسب السلطات الإسبانية، بلغ المدينة أربعون شخصاً.", "وأفادت مندوبية الحكومة الإسبانية بذلك", article
    )
    assert not [claim for _, claim in found if claim == "السلطات"]


def test_a_person_in_apposition_to_the_speaker_is_a_rival() -> None:
    article = (
        "قال مسؤول الإعلام في الحزب، حيدر الغزي، إن المقتحمين مجموعات منظمة.\n"
        "وقال أحدهم، علي الركابي، إن المحتجين لم يحملوا سوى لافتات.\n"
    )
    assert naming._apposed_person("وقال أحدهم، علي الركابي، إن المحتجين لم يحملوا سوى لافتات")
    found = _names(
        "One of them, Haidar al-Ghazi, said the protesters carried only banners.",
        "وقال أحدهم، علي الركابي، إن المحتجين لم يحملوا سوى لافتات",
        article,
    )
    assert {"Haidar", "Ghazi"} & {claim for _, claim in found}


# --- speakers -----------------------------------------------------------------------------------------------------


def test_each_window_keeps_its_sentence_speaker() -> None:
    article = (
        "وقال أحد السكان، محمود الشيخ، إن العائلات تقدّمت بشكويين إلى مجلس المدينة.\n"
        "غير أن رئيس مجلس المدينة، أنس كعدان، نفى تلقي أي شكوى.\n"
        "وقال سكان آخرون إن المبنى كان متصدعاً.\n"
    )
    first, second = "إن العائلات تقدّمت بشكويين إلى مجلس المدينة", "رئيس مجلس المدينة، أنس كعدان، نفى تلقي أي شكوى"
    offsets = tuple((article.find(w), article.find(w) + len(w)) for w in (first, second))
    bullet = "Residents say they complained twice to the council, but its head denies any complaint was received."
    assert speakers.swapped_speakers(bullet, f"{first} … {second}", article, offsets) == ()


def test_naql_is_a_verb_of_saying_only_as_quoting() -> None:
    def said(text: str) -> list[str]:
        return [phrase for _, phrase in speakers.ar_speakers(text)]

    assert said("ونُقل سكان المبنيين المجاورين إلى مركز إيواء مؤقت.") == []
    assert said("ونقلت وكالة الأنباء عن مصدر أمني أن الهجوم أوقع قتيلين.") != []
    assert said("ونقلت وكالة الأنباء الرسمية أن وحدات من الجيش انتشرت.") != []
    assert said("في تصريح نقلته وكالة الأنباء السورية") != []


def test_roles_of_a_state_police_and_a_coordination_committee() -> None:
    assert speakers._AR_ROLE["authorities"].search("شرطه ولايه النيل الابيض")
    assert speakers._AR_ROLE["committee"].search("ناشطون في تنسيقيه ساحه الحبوبي")
    context = "ودعا مكتب الامم المتحده لحقوق الانسان السلطات الي تحقيق"
    assert speakers._affiliations(context, "مكتب الامم المتحده") == ["لحقوق الانسان السلطات الي"]
    assert speakers._affiliations("ونفت الشرطه استخدام الرصاص", "الشرطه") == []


# --- attribution --------------------------------------------------------------------------------------------------


def test_named_and_a_counted_defendant_are_no_claim() -> None:
    assert attribution._window_marks("وبالسجن خمس سنوات على موظف سابق يُدعى طارق عبد الحميد") == (False, False)
    assert attribution._window_marks("فيما برّأت المحكمة متهماً ثالثاً هو المحامي شريف") == (False, False)
    assert attribution._window_marks("تدّعي الجماعة أنها قصفت القاعدة")[0]
    assert attribution._window_marks("متهماً الجيش بقصف القرية")[0]


def test_a_title_apposition_restates_no_denied_clause() -> None:
    span = (
        "نفت شرطة الولاية استخدام الذخيرة الحية، وقال الناطق باسمها، العقيد معتصم حامد، إن قواته أطلقت الغاز. "
        "وأعلن حامد توقيف 43 شخصاً"
    )
    assert restates_stated_part("وأعلن العقيد معتصم حامد، الناطق باسم شرطة الولاية، أن 43 شخصاً أوقفوا.", span)


def test_a_place_name_inside_a_persons_name_is_no_place() -> None:
    text = "The army delegation's head, Maj. Gen. Osman al-Taher, said the deal was not the end of the file."
    assert naming._in_a_persons_name(text, "Osman")
    assert not naming._in_a_persons_name("Gunmen loyal to Misrata abducted a council member.", "Misrata")


def test_an_organisation_written_around_a_quoted_name() -> None:
    evidence = 'غير أن شبكة "السويداء 24" المحلية أكدت أن ثلاثتهم مدنيون'
    assert naming._around_a_quoted_name("شبكه المحليه", evidence)
    assert not naming._around_a_quoted_name("شبكه المحليه", "غير أن وكالة الأنباء المحلية أكدت")


def test_a_state_that_still_holds_told_as_ended() -> None:
    from summarizer.claims.polarity_still import still_ended

    evidence = "واعتُقل 20 شخصاً، أُطلق سراح ثمانية منهم، فيما لا يزال الاثنا عشر الآخرون موقوفين"
    assert still_ended(
        "Twenty people were arrested; eight were released and the other twelve were also freed.", evidence
    )
    assert still_ended("Twenty people were arrested and all had been released by Monday.", evidence)
    assert not still_ended("Twenty people were arrested; eight were released and twelve remain in custody.", evidence)
    assert not still_ended("Of the twenty arrested, all but twelve were released.", evidence)
    assert still_ended("واعتُقل عشرون شخصاً، وأُفرج عن الاثني عشر الآخرين أيضاً.", evidence)
    assert not still_ended("واعتُقل عشرون شخصاً، ولا يزال اثنا عشر منهم موقوفين.", evidence)
    assert not still_ended("Eight were released.", "واعتُقل 20 شخصاً، أُطلق سراح ثمانية منهم")
    assert "polarity.still_ended" in CHECKS and "polarity.still_ended" not in error_checks()
