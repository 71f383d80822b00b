"""Round 14 (swaps14): name/role precision on round 13's retired held-out (general readings: a denial with its
object pronoun, a subject written before its verb, a masculine verb's feminine object, a name's vowels, «بألا», a
translated body's words), and two speakers given each other's statements (``claim.speakers_crossed``)."""

from __future__ import annotations

from summarizer.claims.names import closer_spelling, translation_matches
from summarizer.claims.naming import bullet_names
from summarizer.claims.speakers import ar_speakers, crossed_speakers, swapped_speakers
from summarizer.findings import CHECKS, error_checks


def _speakers(text: str) -> list[str]:
    return [phrase for _, phrase in ar_speakers(text)]


def test_a_denial_with_its_object_pronoun_credits_its_subject() -> None:
    # «وهو ما نفاه وزير الصحة»: «نفى» + «ه» is spelled with «ا»
    text = "إذ أعلن المرصد أن القصف أوقع ثلاثة قتلى، وهو ما نفاه وزير الصحة اللبناني، نادر خوري، مؤكداً أن الحصيلة"
    assert "وزير الصحه اللبناني" in _speakers(text)


def test_a_subject_before_its_verb_partitive_or_with_a_name_in_apposition() -> None:
    assert _speakers("غير أن مصدراً في وزارة الدفاع السورية نفى أن تكون القذائف قد أُطلقت")[0] == (
        "مصدرا في وزاره الدفاع السوريه"
    )
    assert _speakers("غير أن شقيق المختطف، عماد المبروك، قال لموقع «بوابة الوسط» إن العائلة دفعت") == [
        "شقيق المختطف عماد المبروك"
    ]
    # the short subject as before
    assert _speakers("غير أن عائلة الشاب نفت رواية الوزارة") == ["عايله الشاب"]


def test_a_masculine_verb_s_feminine_noun_is_its_object() -> None:
    assert _speakers("حمّل النائب القصف على المسلحين، ودعا الحكومة إلى رفع شكوى أمام مجلس الأمن.") == []
    assert _speakers("ودعت الحكومة إلى التهدئة") == ["الحكومه"]
    assert _speakers("وقال القضاة إن الحكم نهائي") == ["القضاه"]  # a broken plural takes either gender
    assert _speakers("وقال الوزير إن") == ["الوزير"]


_ARTICLE = (
    "قتل مدنيان في قصف على بلدة القصر.\n"
    "إذ أعلن المرصد السوري لحقوق الإنسان أن القصف أوقع ثلاثة قتلى بينهم طفل، وهو ما نفاه وزير الصحة اللبناني، "
    "نادر خوري، مؤكداً أن الحصيلة «لم تتجاوز قتيلين».\n"
    "وقالت الحكومة إنها ستتقدم بشكوى.\n"
)


def _window(evidence: str) -> tuple[tuple[int, int], ...]:
    at = _ARTICLE.find(evidence)
    return ((at, at + len(evidence)),)


def test_the_speaker_the_evidence_credits_by_a_denial_is_no_swap() -> None:
    evidence = "وهو ما نفاه وزير الصحة اللبناني، نادر خوري، مؤكداً أن الحصيلة «لم تتجاوز قتيلين"
    bullet = "An elderly woman, not a child, was among the wounded, according to the health minister."
    assert swapped_speakers(bullet, evidence, _ARTICLE, _window(evidence)) == ()
    bullet = "قال المرصد السوري لحقوق الإنسان إن الحصيلة لم تتجاوز قتيلين."
    assert swapped_speakers(bullet, evidence, _ARTICLE, _window(evidence)) != ()


def test_a_name_s_vowels_pick_the_evidence_s_word() -> None:
    # "Qasr" writes no vowel between S and R: «القصر», not «القصير»
    assert closer_spelling("Al-Qasr", "القصر", "القصير")
    assert not closer_spelling("Qusayr", "القصر", "القصير")
    assert closer_spelling("Azraq", "الازرق", "الزرقاء")  # round 12's reading kept


def test_bi_alla_is_no_town() -> None:
    article = "وتعهد وزير الداخلية بألا يبقى أي متضرر دون تعويض. ونزح سكان من بلدة بالا."
    evidence = "وتعهد وزير الداخلية بألا يبقى أي متضرر دون تعويض"
    found = bullet_names("وتعهد الوزير بألا يبقى أي متضرر بلا تعويض.", evidence, article, ())
    assert not [f for f in found if f[0] == "name.article_swap"]


def test_a_translated_body_s_words() -> None:
    evidence = "وأعربت الأمانة العامة لمجلس التعاون لدول الخليج العربية عن «تضامنها الكامل» مع الكويت"
    assert translation_matches("Gulf Cooperation Council", evidence)
    assert not translation_matches("Gulf Cooperation Council", "وأعربت جامعة الدول العربية عن تضامنها")
    assert translation_matches("Customs Authority", "مدير إدارة الرقابة في مصلحة الجمارك الليبية")


_CROSSED = (
    "قصفت مدفعية بلدة القصر فجر الثلاثاء.\n"
    "واتهم النائب عن دائرة بعلبك الهرمل، رامي ناصر الدين، «مجموعات مسلحة تنشط في ريف القصير» بالوقوف وراء القصف.\n"
    "غير أن مصدراً في وزارة الدفاع السورية نفى، في تصريح نقلته وكالة الأنباء السورية (سانا)، أن تكون القذائف قد "
    "أُطلقت من الأراضي السورية.\n"
)


def _windows(*evidence: str) -> tuple[tuple[int, int], ...]:
    return tuple((at, at + len(e)) for e in evidence if (at := _CROSSED.find(e)) >= 0)


def test_two_speakers_given_each_other_s_statements() -> None:
    offsets = _windows(
        "واتهم النائب عن دائرة بعلبك الهرمل، رامي ناصر الدين، «مجموعات مسلحة تنشط في ريف القصير» بالوقوف وراء القصف",
        "غير أن مصدراً في وزارة الدفاع السورية نفى، في تصريح نقلته وكالة الأنباء السورية (سانا)، أن تكون القذائف",
    )
    crossed = (
        "بينما اتهمت وزارة الدفاع السورية مسلحين في ريف القصير بالقصف، "
        "نفى النائب رامي ناصر الدين أن تكون القذائف انطلقت من سوريا."
    )
    assert crossed_speakers(crossed, _CROSSED, offsets) is not None
    faithful = (
        "بينما اتهم النائب رامي ناصر الدين مسلحين في ريف القصير بالقصف، "
        "نفت وزارة الدفاع السورية عبر مصدر فيها أن تكون القذائف انطلقت من سوريا."
    )
    assert crossed_speakers(faithful, _CROSSED, offsets) is None


def test_speakers_crossed_is_a_warning() -> None:
    assert CHECKS["claim.speakers_crossed"] == "claim"
    assert "claim.speakers_crossed" not in error_checks()


def test_a_date_between_commas_ends_no_clause() -> None:
    from summarizer.claims.roles import reversed_parties

    evidence = (
        "بعدما اتهم وزير الموارد المائية العراقي حسن المرسومي، يوم الأحد 3 آب/أغسطس 2025، الجانب الإيراني بتحويل مجاري"
    )
    wrong = "Iran on Sunday, August 3, 2025, accused Iraq's Water Resources Minister of diverting tributaries."
    assert reversed_parties(wrong, evidence) is not None
    right = "Iraq's Water Resources Minister on Sunday, August 3, 2025, accused Iran of diverting tributaries."
    assert reversed_parties(right, evidence) is None


_ACCUSED = (
    "أفرجت مجموعة مسلحة عن المدير.\n"
    "ولم تعلن أي جهة مسؤوليتها عن الخطف، إلا أن مصدراً أمنياً في طرابلس اتهم «كتيبة الفرسان 77» بتنفيذه.\n"
)


def test_accuser_and_accused_reversed() -> None:
    from summarizer.claims.speakers import reversed_accusation

    evidence = "إلا أن مصدراً أمنياً في طرابلس اتهم «كتيبة الفرسان 77» بتنفيذه"
    at = _ACCUSED.find(evidence)
    offsets = ((at, at + len(evidence)),)
    wrong = "The Fursan 77 Brigade accused a Tripoli security source of the kidnapping."
    assert reversed_accusation(wrong, _ACCUSED, offsets) is not None
    right = "A Tripoli security source accused the Fursan 77 Brigade of the kidnapping."
    assert reversed_accusation(right, _ACCUSED, offsets) is None
    assert reversed_accusation("اتهمت كتيبة الفرسان 77 مصدراً أمنياً في طرابلس بالخطف.", _ACCUSED, offsets)
    assert reversed_accusation("اتهم مصدر أمني في طرابلس كتيبة الفرسان 77 بالخطف.", _ACCUSED, offsets) is None


def test_the_round14_readings_are_warnings() -> None:
    for check in ("claim.speakers_crossed", "claim.accusation_reversed"):
        assert CHECKS[check] == "claim"
        assert check not in error_checks()


_TRIAL = (
    "قضت المحكمة بالسجن عشر سنوات على رجل الأعمال مجدي السيوفي.\n"
    "وبرّأت المحكمة المتهم الثالث، المهندس كريم الدمرداش.\n"
    "كما ألزمت المحكمة السيوفي بدفع غرامة قدرها مليونا جنيه.\n"
)


def test_a_person_s_family_name_from_elsewhere() -> None:
    evidence = "كما ألزمت المحكمة السيوفي بدفع غرامة قدرها مليونا جنيه"
    found = {f[0] for f in bullet_names("وألزمت المحكمة الدمرداش بغرامة مليوني جنيه.", evidence, _TRIAL, ())}
    assert "name.article_name" in found
    found = {f[0] for f in bullet_names("وألزمت المحكمة السيوفي بغرامة مليوني جنيه.", evidence, _TRIAL, ())}
    assert "name.article_name" not in found


def test_a_family_name_where_the_evidence_refers_back_by_the_person_s_title() -> None:
    article = (
        "وقال وزير الفلاحة، رشيد حمادي، إن الحرائق أتت على 1800 هكتار.\n"
        "وأعلن وزير الداخلية كمال بلعيد توقيف ستة أشخاص.\n"
        "وأضاف الوزير أن الطائرات حلّقت فوق بجاية.\n"
    )
    back = "وأضاف الوزير أن الطائرات حلّقت فوق بجاية"
    found = {f[0] for f in bullet_names("قال حمادي إن الطائرات حلّقت فوق بجاية.", back, article, ())}
    assert "name.article_name" not in found  # «الوزير» may refer back to him
    other = "وأعلن وزير الداخلية كمال بلعيد توقيف ستة أشخاص"
    found = {f[0] for f in bullet_names("أعلن حمادي توقيف ستة أشخاص.", other, article, ())}
    assert "name.article_name" in found


_ADEN = (
    "ووصف وزير الدولة لشؤون الدفاع، حسن محمود عدن، الهجوم بأنه يائس.\n"
    "وقال المتحدث باسم الوزارة، العقيد عبدي نور فارح، إن المهاجمين صدوا.\n"
    "وقال عدن إن الحكومة لن تتفاوض مع الحركة.\n"
)


def test_a_person_named_like_a_place_is_the_evidence_s_speaker() -> None:
    from summarizer.claims.people import swapped_person

    evidence = "وقال عدن إن الحكومة لن تتفاوض مع الحركة"
    at = _ADEN.find(evidence)
    offsets = ((at, at + len(evidence)),)
    assert swapped_person("أكد العقيد فارح أن الحكومة لن تتفاوض مع الحركة.", evidence, _ADEN, offsets) is not None
    assert swapped_person("قال عدن إن الحكومة لن تتفاوض مع الحركة.", evidence, _ADEN, offsets) is None


def test_a_country_the_evidence_names_by_its_adjective_is_no_unknown_name() -> None:
    article = "قصفت مدفعية بلدة القصر.\nغير أن مصدراً في وزارة الدفاع نفى أن تكون القذائف قد أُطلقت من الأراضي السورية.\n"
    evidence = "غير أن مصدراً في وزارة الدفاع نفى أن تكون القذائف قد أُطلقت من الأراضي السورية"
    found = bullet_names("نفت وزارة الدفاع أن تكون القذائف انطلقت من سوريا.", evidence, article, ())
    assert not [f for f in found if f[0] == "name.unknown"]


def test_where_from_and_where_to_reversed() -> None:
    from summarizer.claims.roles import reversed_movement

    evidence = (
        "وقال سالم عبده، وهو أحد سكان قرية الحنيبة، إن نحو 40 أسرة نزحت من القرية باتجاه بلدة البرح منذ ليل السبت"
    )
    assert reversed_movement("قال سالم عبده إن 40 عائلة نزحت من البلدة نحو قرية الحنيبة.", evidence) is not None
    assert reversed_movement("قال سالم عبده إن 40 عائلة نزحت من القرية نحو بلدة البرح.", evidence) is None
    evidence = "وقال علوه إن نحو 150 عائلة غادرت البلدة باتجاه مدينة الهرمل خلال ساعات"
    assert reversed_movement("قال علوه إن 150 أسرة نزحت من مدينة الهرمل نحو القصر.", evidence) is not None
    assert reversed_movement("قال علوه إن 150 أسرة نزحت من القصر نحو مدينة الهرمل.", evidence) is None
    assert CHECKS["claim.movement_reversed"] == "claim"
    assert "claim.movement_reversed" not in error_checks()
