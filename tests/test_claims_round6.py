"""Round 6 of the claim checker (issue 18): polarity precise enough to fail validation, names, numbers.

Each test pins a false alarm or a miss of the benchmark's tune part, or a faithful paraphrase of the same kind
written for the test (a hand-written fixture), and the unfaithful bullet beside it, which must still be caught:
a rule that clears both is worthless.
"""

from __future__ import annotations

import pytest

from summarizer.claims.numbers import quantities
from summarizer.claims.polarity import contrasts_only, negates_by_meaning, states_besides_denial, tells_a_denial
from summarizer.claims.verify import verify
from summarizer.findings import CHECKS, ERROR_CHECKS, ROUND4_ERROR_CHECKS, SPLIT_OFF
from summarizer.schema import Bullet, Digest, Evidence


def _polarity(text: str, *windows: str) -> list[str]:
    """The polarity checks that fire on a bullet citing ``windows`` (the article is the windows, joined)."""
    article = " ".join(windows)
    evidence = []
    for window in windows:
        start = article.find(window)
        evidence.append(Evidence(quote=window, start=start, end=start + len(window), match="exact", similarity=1.0))
    bullet = Bullet(text=text, evidence=evidence)
    digest = Digest.model_construct(bullets=[bullet, bullet, bullet], events=[], run=None)
    return [f.check for f in verify(digest, article) if f.location == "bullets[0]" and f.kind == "polarity"]


NO_COMMENT = "ورفض المتحدث باسم الجيش التعليق على الهجوم."
NOT_VERIFIED = "وتعذّر التحقق من مسؤولية الجماعة بشكل مستقل."
REJECTED = "ورفضت الوزارة الاتهامات ووصفتها بأنها لا أساس لها."
RULED_OUT = "واستبعد مسؤولون وجود صلة بين الهجومين."
ONLY_DAMAGE = "ولم يسفر القصف إلا عن أضرار مادية."
NOT_FULLY_STOPPED = "ويخضع ريف إدلب لاتفاق تهدئة روسي تركي منذ عام 2020، غير أن القصف المتبادل لم يتوقف بشكل كامل."


@pytest.mark.parametrize(
    ("bullet", "window"),
    [
        ("The army spokesman declined to comment on the attack.", NO_COMMENT),
        ("The ministry has yet to comment on the strike.", "ولم تعلق الوزارة على الغارة حتى الآن."),
        ("The group's responsibility could not be independently verified.", NOT_VERIFIED),
        ("لم يتسن التحقق من صحة الرواية.", "وتعذّر التحقق من صحة الرواية بشكل مستقل."),
        ("The ministry rejected the accusations.", "ورفضت الوزارة الاتهامات."),
        ("The ministry dismissed the accusations as baseless.", REJECTED),
        ("The fate of the abducted workers is still unknown.", "ولم يعرف حتى الآن مصير العمال المختطفين."),
        ("Officials ruled out any link between the two attacks.", RULED_OUT),
        ("The UN resolution No. 2334 was cited by the ministry.", "واستشهدت الوزارة بقرار الأمم المتحدة رقم 2334."),
        ("وكان بين الضحايا أطفال دون سن الخامسة.", "وكان بين الضحايا أطفال تحت سن الخامسة."),
        ("لم يستهدف القصف السوق فحسب، وإنما المدرسة أيضا.", "وأصاب القصف السوق والمدرسة."),
        ("لم يسفر القصف عن إصابات بشرية، واقتصرت الأضرار على الماديات.", ONLY_DAMAGE),
        ("Both sides avoided direct clashes.", "ولم تسجل أي اشتباكات مباشرة بين الطرفين."),
        ("The detainee was arrested with no judicial warrant.", "واعتقل الشاب من غير مذكرة قضائية."),
        ("اعتقل الشاب دون مذكرة توقيف.", "واعتقل الشاب من غير مذكرة قضائية."),
        ("قال سكان إنهم عجزوا عن الوصول إلى المستشفى.", "وقال سكان إنهم لم يتمكنوا من الوصول إلى المستشفى."),
        ("The march ended without incident.", "وانتهت المسيرة بسلام."),
        ("The Civil Defence said the toll was not final.", "وقال الدفاع المدني إن الحصيلة أولية."),
        ("It is not the first such attack this year.", "ويعد هذا الهجوم الثالث من نوعه هذا العام."),
        ("خلا القصف من إصابات بشرية.", "ولم يسفر القصف عن وقوع إصابات بشرية."),
        ("The talks collapsed without agreement.", "وفشلت المفاوضات."),
        ("The statement did not set a date for paying the salaries.", "ولم يذكر البيان موعد صرف الرواتب."),
        ("The shelling caused only material damage.", "واقتصرت أضرار القصف على الماديات."),
        ("Officials did not rule out a link between the attacks.", "ورجح مسؤولون وجود صلة بين الهجومين."),
        ("لم يستبعد مسؤولون وجود صلة بين الهجومين.", "ورجح مسؤولون وجود صلة بين الهجومين."),
        ("It is one of the largest, if not the largest, refineries.", "وتعد المصفاة من أكبر المصافي في البلاد."),
        ("تعد المصفاة من أكبر المصافي في البلاد إن لم تكن أكبرها.", "وتعد المصفاة من أكبر المصافي في البلاد."),
        # tune part (039-en-08): "could not be verified" negates the verifying, not the toll
        (
            "The toll could not be independently verified because the area is a chain of rugged valleys.",
            "ولم يتسن التحقق من الحصيلة من مصدر مستقل، إذ تقع المنطقة في سلسلة وديان وعرة يصعب الوصول إليها",
        ),
    ],
)
def test_a_denial_or_a_negation_told_in_other_words_is_clean(bullet: str, window: str) -> None:
    """Faithful paraphrases of a denial, a refusal, a restriction or a litotes (hand-written for this test)."""
    assert _polarity(bullet, window) == []


@pytest.mark.parametrize(
    ("bullet", "window", "check"),
    [
        ("The army spokesman commented on the attack, calling it a crime.", NO_COMMENT, "polarity.asserted"),
        ("Officials confirmed a link between the two attacks.", RULED_OUT, "polarity.asserted"),
        ("Officials ruled out a link between the attacks.", "ورجح مسؤولون وجود صلة بين الهجومين.", "polarity.negated"),
        ("أسفر القصف عن إصابات في صفوف المدنيين.", "ولم يسفر القصف عن إصابات في صفوف المدنيين.", "polarity.asserted"),
        (
            "The shelling caused no injuries among civilians.",
            "وأسفر القصف عن إصابات في صفوف المدنيين.",
            "polarity.negated",
        ),
        # tune part (020-en-14): the truce's shelling "fully stopped"; «غير أن» is "however", not "that"
        (
            "The Idlib countryside has been under a Russian-Turkish de-escalation deal since 2020, and cross-shelling "
            "has fully stopped.",
            NOT_FULLY_STOPPED,
            "polarity.asserted",
        ),
        # tune part (007-en-06): the kidnappers "had contacted the family"; an "unknown location" denies nothing
        (
            "His brother said four gunmen blocked his way and took him to an unknown location, adding that the "
            "kidnappers had contacted the family by this morning.",
            "مضيفا أن العائلة لم تتلقَّ أي اتصال من الخاطفين حتى صباح اليوم.",
            "polarity.asserted",
        ),
    ],
)
def test_the_same_words_told_the_other_way_are_still_caught(bullet: str, window: str, check: str) -> None:
    assert _polarity(bullet, window) == [check]


def test_a_ceasefire_is_not_a_stop_the_evidence_denies() -> None:
    """Found after the held-out run, on a gated v4 answer: "a ceasefire agreement ... since 2020" against «غير أن القصف
    المتبادل لم يتوقف» asserts no stopping (the concept reads "stopped", "halted", "ceased", never "ceasefire")."""
    truce = "The region has been under a ceasefire agreement with Russia since 2020, but clashes have not ended."
    assert "polarity.asserted" not in _polarity(truce, NOT_FULLY_STOPPED)
    assert _polarity("Cross-shelling has ceased since the deal.", NOT_FULLY_STOPPED) == ["polarity.asserted"]


def test_a_word_the_evidence_names_elsewhere_is_not_asserted_against_its_denial() -> None:
    """Round 4 set, tune (real2-2a24…): «ولم تعلق حركة الشباب» negates the comment, not the group, which the other
    window names as the subject of «وتشن»; and a slogan «لا تعليم دون معلمين» beside «نظّم مئات المعلمين»."""
    no_comment = "ولم تعلق حركة الشباب على الحادثة، في حين أكدت المنظمة أنها على تواصل مع السلطات المحلية."
    attacks = "وتشن حركة الشباب، المرتبطة بتنظيم القاعدة، هجمات متكررة على القوات الحكومية وقوات الاتحاد الأفريقي."
    assert (
        _polarity("حركة الشباب، المرتبطة بتنظيم القاعدة، تشن هجمات متكررة على القوات الحكومية.", no_comment, attacks)
        == []
    )
    assert _polarity("علقت حركة الشباب على الحادثة.", no_comment) == ["polarity.asserted"]
    teachers = "نظّم مئات المعلمين، يوم الأربعاء 15 أكتوبر، وقفة احتجاجية سلمية أمام مقر وزارة التربية."
    slogan = 'ورفع المحتجون لافتات كُتب عليها "لا تعليم دون معلمين".'
    assert _polarity("نظّم مئات المعلمين وقفة احتجاجية سلمية أمام مقر وزارة التربية.", teachers, slogan) == []


def test_however_is_not_a_reported_denial() -> None:
    """Round 4 set, tune (real2-b00f…): a clause after «غير أن» that negates does not make the window a denial."""
    fragment = "في ريف إدلب لاتفاق تهدئة روسي تركي منذ عام 2020"
    no_comment = 'ولم يصدر تعليق من وزارة الدفاع السورية على القصف، فيما تقول دمشق عادة إنها ترد على "مصادر نيران".'
    assert _polarity(fragment, no_comment, NOT_FULLY_STOPPED) == []


def test_a_contrast_is_its_own_warning() -> None:
    """Tune part (033-en-14, 033-ar-10): "an inhabited house, not a school" negates one of two alternatives; the
    correction in the evidence says so without a negation. Since session 14 a contrast beside the evidence's own
    correction («والصحيح», «بل») is read as telling that correction: nothing to report (``polarity.negated_contrast``
    fired only on faithful bullets, 0/2). A plain negation is still ``polarity.negated_whole``."""
    correction = "والصحيح أنها استهدفت منزلا مأهولا بحسب الدفاع المدني، وكنا قد نقلنا أن الغارة استهدفت مدرسة."
    assert contrasts_only("it said the strike hit an inhabited house, not a school.")
    assert contrasts_only("الغارة أصابت منزلاً مأهولاً لا مدرسة")
    assert not contrasts_only("The strike did not hit a school.") and not contrasts_only("قال إنه لا يعلم")
    assert not contrasts_only("The strike hit a house.")
    assert _polarity("The strike hit an inhabited house, not a school.", correction) == []
    assert _polarity("The strike did not hit an inhabited house.", correction) == ["polarity.negated_whole"]
    assert "polarity.negated_contrast" in CHECKS and "polarity.negated_contrast" not in ERROR_CHECKS


def test_an_asserting_bullet_beside_a_bare_denial_or_told_by_its_source_is_the_paraphrase_warning() -> None:
    """``polarity.asserted_whole`` keeps the bullets that state as fact what a window contests beside its denial (the
    tune part's contested claims, 12/12 and 2/2); an antonym of a bare denial ("unharmed" for «لم يصب») and a bullet
    that says who said it go to ``polarity.asserted_paraphrase``, a warning."""
    contested = (
        "ولم يتبن أي تنظيم الهجوم حتى ظهر اليوم، غير أن مسؤولين محليين رجحوا وقوف خلايا التنظيم خلفه، إذ تنشط في "
        "المنطقة منذ هزيمته عسكريا عام 2017."
    )
    as_fact = "The attack was carried out by IS cells, which have been active in the area since 2017."
    assert _polarity(as_fact, contested) == ["polarity.asserted_whole"]
    said = "Local officials suspected IS cells, active in the area since 2017, of the attack."
    assert _polarity(said, contested) == ["polarity.asserted_paraphrase"]
    unharmed = "وقال الجيش إنه لم يصب أي من جنوده."
    assert _polarity("The army's soldiers came through the attack unharmed.", unharmed) == []
    assert _polarity("The march passed off peacefully, the organisers said.", "وانتهت المسيرة دون تسجيل أي حوادث.") == [
        "polarity.asserted_paraphrase"
    ]
    assert states_besides_denial(contested) and not states_besides_denial(unharmed)
    assert "polarity.asserted_paraphrase" in CHECKS and "polarity.asserted_paraphrase" not in ERROR_CHECKS


def test_denials_by_meaning_on_either_side() -> None:
    assert tells_a_denial("The group declined to comment.") and tells_a_denial("The bombing remains unclaimed.")
    assert tells_a_denial("The fate of the workers remains unknown.")
    assert not tells_a_denial("Gunmen took him to an unknown location.")  # an adjective, not a denial
    assert negates_by_meaning(ONLY_DAMAGE) and negates_by_meaning(NOT_VERIFIED) and negates_by_meaning("انتهت بسلام")
    assert not negates_by_meaning("من عجز قد يتجاوز 60 تريليون دينار")  # «عجز» is also a deficit


def test_the_subject_of_a_negated_verb_is_not_what_it_denies() -> None:
    """«ولم يغادر السكان منازلهم» denies the leaving, not the residents (VSO): «بقي السكان في منازلهم» asserts no
    word the window denies (an antonym: the paraphrase warning at most); «غادر السكان منازلهم» asserts the verb."""
    stayed = "ولم يغادر السكان منازلهم."
    assert "polarity.asserted" not in _polarity("بقي السكان في منازلهم.", stayed)
    assert _polarity("غادر السكان منازلهم.", stayed) == ["polarity.asserted"]


def test_confirming_that_one_is_not_responsible_confirms_the_denial() -> None:
    """«غير مسؤول» negates: a source that "confirmed it was not responsible" is told as denying, as the window
    has it (``polarity.acknowledged``, an error, no longer fires); confirming responsibility still does."""
    denial = "ونفى الجيش أي مسؤولية عن القصف."
    assert "polarity.acknowledged" not in _polarity("أكد الجيش أنه غير مسؤول عن القصف.", denial)
    assert _polarity("أكد الجيش مسؤوليته عن القصف.", denial) == ["polarity.acknowledged"]


def test_an_age_after_sinn_is_an_age() -> None:
    """«دون سن الخامسة» is "under the age of five" (an ordinal in form, as «في الخامسة من عمره»): five is stated,
    six is not (``number.value_words``: a figure in words, a warning since session 13)."""
    window = "وكان بين الضحايا أطفال دون سن الخامسة."
    article = window
    quote = Evidence(quote=window, start=0, end=len(window), match="exact", similarity=1.0)

    def numbers(text: str) -> list[str]:
        bullet = Bullet(text=text, evidence=[quote])
        digest = Digest.model_construct(bullets=[bullet, bullet, bullet], events=[], run=None)
        return [f.check for f in verify(digest, article) if f.location == "bullets[0]" and f.kind == "number"]

    assert numbers("Children under the age of five were among the victims.") == []
    assert numbers("Children under the age of six were among the victims.") == ["number.value_words"]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("وشارك في الوقفة عدد لا يتجاوز 200 شخص", "at_most"),
        ("وشارك في الوقفة 200 شخص على الأكثر", "at_most"),
        ("وشارك في الوقفة ما يربو على 200 شخص", "more_than"),
        ("وكان عدد المشاركين يتجاوز 200 شخص", "more_than"),
        ("وشارك ما لا يقل عن 200 شخص", "at_least"),
    ],
)
def test_arabic_bounds_are_read(text: str, qualifier: str) -> None:
    """«لا يتجاوز 200» is at most 200 (it was read as «يتجاوز», more than: "no more than 200" failed validation as
    ``number.qualifier``); «ما يربو على» is more than ("over 200" failed)."""
    (quantity,) = quantities(text)
    assert (quantity.low, quantity.qualifier) == (200, qualifier)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between five thousand and seven thousand fighters", 5000, 7000),  # round 4 set, tune (real2-9c84…)
        ("five thousand and seven hundred", 5700, 5700),
        ("two hundred and five thousand", 205_000, 205_000),
        ("two hundred and five", 205, 205),
        ("one thousand and fifty", 1050, 1050),
    ],
)
def test_english_numbers_in_words_are_read_by_groups(text: str, low: int, high: int) -> None:
    """ "five thousand and seven thousand" was read as 5,007,000 (a false ``number.value`` error on a faithful bullet
    citing «بما بين خمسة آلاف وسبعة آلاف»): two numbers, which the range reader pairs."""
    (quantity,) = quantities(text)
    assert (quantity.low, quantity.high) == (low, high)


def test_a_nationality_added_to_a_body_the_evidence_names_is_its_own_warning() -> None:
    """ "The Iraqi army" citing «وقال الجيش»: the article's country added to a body the evidence names, as writers do
    (``name.country_of_body``, a warning split off ``name.country``); the same nationality on a body the evidence does
    not name, or beside an armed group it names, is still ``name.country`` (an error until session 11)."""
    from summarizer.claims.english import Translations
    from summarizer.claims.naming import bullet_names

    article = "قتل ثلاثة جنود عراقيين في هجوم. وقال الجيش إنه يلاحق المهاجمين. وقالت قوات الدعم السريع إنها هاجمت."
    army, rsf = "وقال الجيش إنه يلاحق المهاجمين.", "وقالت قوات الدعم السريع إنها هاجمت."
    none: Translations = ()

    def checks(text: str, evidence: str) -> list[str]:
        return [check for check, _, _ in bullet_names(text, evidence, article, none)]

    assert checks("The Iraqi army said it was pursuing the attackers.", army) == ["name.country_of_body"]
    assert checks("The Iraqi army said it attacked.", rsf) == ["name.country"]
    assert checks("Iraqi forces said they attacked.", rsf) == ["name.country"]
    assert "name.country_of_body" in SPLIT_OFF and "name.country_of_body" in ROUND4_ERROR_CHECKS
    # name.country went back to a warning in session 11 (27/28 over every held-out file:
    # docs/history/claim-checker.md "Round 11")
    # an error again in sessions 12-14; a warning since session 15 (36/42 pooled with round 15's blind file)
    assert "name.country_of_body" not in ERROR_CHECKS and "name.country" not in ERROR_CHECKS
