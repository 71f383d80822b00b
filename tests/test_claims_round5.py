"""Round 5 of the claim checker (issue 18): what happened and who says so.

Each test pins a miss of the benchmark's tune part (real model phrasing, or the hand-written tune bullets) and
the faithful bullet beside it, which must stay clean: a rule that flags both is worthless.
"""

from __future__ import annotations

import pytest

from summarizer.claims.attribution import attributes, dropped, dropped_bound
from summarizer.claims.compass import other_hours, swapped_directions
from summarizer.claims.events import claimed_families, swapped_counted, swapped_harm, unsupported_weapons
from summarizer.claims.institutions import unsupported_institutions
from summarizer.claims.numbers import quantities
from summarizer.claims.verify import verify
from summarizer.findings import ERROR_CHECKS, status_of
from summarizer.schema import Bullet, Digest, Evidence

IED = (
    "قُتل ثلاثة جنود عراقيين وأصيب خمسة آخرون بجروح، ليل الخميس الجمعة، إثر انفجار عبوة ناسفة استهدفت دورية "
    "للجيش العراقي في قضاء المقدادية بمحافظة ديالى شرقي العراق"
)
WOUNDED = "وأضاف أن الجرحى نُقلوا إلى مستشفى بعقوبة العام، وأن حالة اثنين منهم وُصفت بالحرجة"


@pytest.mark.parametrize(
    ("bullet", "family"),
    [
        (
            "Three Iraqi soldiers were killed and five others injured in a chemical attack in Diyala province.",
            "chemical",
        ),
        ("The attack involved a chemical weapon, specifically a mustard gas bomb.", "chemical"),
        ("In a suicide bomb attack on the outskirts of Mosul, three police officers were killed.", "suicide"),
        ("A Israeli military helicopter targeted a vehicle on the main road.", "helicopter"),
    ],
)
def test_a_means_of_attack_the_evidence_never_gives_is_flagged(bullet: str, family: str) -> None:
    assert [f for f, _ in unsupported_weapons(bullet, IED)] == [family]


@pytest.mark.parametrize(
    "bullet",
    [
        "Three Iraqi soldiers were killed and five wounded when a roadside bomb hit an army patrol in Diyala.",
        "An explosive device killed three Iraqi soldiers in Muqdadiya.",
        "قُتل ثلاثة جنود عراقيين بانفجار عبوة ناسفة في المقدادية.",
    ],
)
def test_the_same_means_in_other_words_is_clean(bullet: str) -> None:
    assert unsupported_weapons(bullet, IED) == []


def test_an_air_strike_may_be_told_of_a_drone_and_suicide_drones_are_drones() -> None:
    drone = "استهدفت طائرة مسيّرة إسرائيلية سيارة على الطريق بين بنت جبيل وعيناثا"
    assert unsupported_weapons("An Israeli air strike hit a car near Bint Jbeil.", drone) == []
    assert set(claimed_families("Suicide drones launched by the RSF hit the industrial zone.")) == {"drone"}
    shells = "سقطت قذائف مدفعية على سوق أم درمان صباح الأحد"
    assert [f for f, _ in unsupported_weapons("Military drones struck a market in Omdurman.", shells)] == ["drone"]
    assert unsupported_weapons("Artillery shells hit a market in Omdurman.", shells) == []


def test_an_arabic_march_is_no_drone_and_a_booby_trapped_motorbike_is_an_explosive_device() -> None:
    assert "drone" not in claimed_families("شارك آلاف الأشخاص في مسيرة سلمية وسط عمّان")
    assert claimed_families("استهدفت طائرات مسيّرة مستودعات للوقود في بورتسودان")["drone"]
    motorbike = "بانفجار عبوة ناسفة زرعت في دراجة نارية مركونة قرب سوق الهال وسط مدينة الباب"
    assert unsupported_weapons("أودى تفجير دراجة نارية مفخخة قرب سوق الهال بحياة أربعة مدنيين", motorbike) == []


def test_a_suicide_bomber_is_no_air_strike() -> None:
    kabul = "فجّر انتحاري يرتدي حزاما ناسفا نفسه، صباح الأربعاء، عند مدخل مبنى وزارة الخارجية في كابل"
    assert unsupported_weapons("A suicide bomber blew himself up at the Foreign Ministry in Kabul.", kabul) == []


@pytest.mark.parametrize(
    ("bullet", "evidence", "kind"),
    [
        ("The attack resulted in the deaths of two soldiers and injuries to one soldier.", WOUNDED, "death"),
        (
            "The Pentagon denied that any troops were wounded in the attack.",
            "إن 12 من عناصر الدعم السريع قُتلوا في تصدي القوات المسلحة لهجوم فاشل على مواقعها",
            "injury",
        ),
        ("قُتل شخصان نقلا إلى مستشفى بعقوبة", WOUNDED, "death"),
    ],
)
def test_a_harm_the_evidence_tells_only_as_the_other_kind_is_flagged(bullet: str, evidence: str, kind: str) -> None:
    assert swapped_harm(bullet, evidence) == kind


@pytest.mark.parametrize(
    ("bullet", "evidence"),
    [
        ("The wounded were taken to Baquba General Hospital, two of them in critical condition.", WOUNDED),
        ("Three soldiers were killed and five wounded in Diyala.", IED),  # the evidence tells both
        ("Casualties were taken to Baquba hospital.", WOUNDED),  # either kind
        ("أصابت ثلاث مسيّرات أهدافها في المنطقة الصناعية", "قُتل خمسة أشخاص في قصف بمسيّرة على حي القبة"),
    ],
)
def test_the_same_harm_or_no_harm_kind_is_clean(bullet: str, evidence: str) -> None:
    assert swapped_harm(bullet, evidence) is None


SPOKESMAN = (
    'في المقابل، قال المتحدث باسم الجيش السوداني إن 12 من عناصر الدعم السريع قُتلوا في "تصدي القوات المسلحة '
    'لهجوم فاشل" على مواقعها، من دون أن يشير إلى خسائر في صفوف الجيش أو المدنيين.'
)
ACCUSED = (
    "واتهمت وزارة الصحة في ولاية الخرطوم قوات الدعم السريع بقصف السوق من مواقعها غربي المدينة، فيما لم يصدر أي "
    "تعليق عن قوات الدعم السريع."
)
BELIEVED = "وتتعرض مواقعها بين حين وآخر لغارات يُعتقد أنها إسرائيلية أو أميركية."


@pytest.mark.parametrize(
    ("bullet", "windows", "what"),
    [
        (
            "The army killed 12 RSF fighters while repelling a failed attack on its positions.",
            [SPOKESMAN],
            "attribution",
        ),
        ("الجيش السوداني قتلوا 12 من عناصر الدعم السريع في تصدي القوات المسلحة لهجوم فاشل", [SPOKESMAN], "attribution"),
        ("قصفت قوات الدعم السريع السوق من مواقعها غربي المدينة.", [ACCUSED], "attribution"),
        ("Their positions are hit from time to time by Israeli and American strikes.", [BELIEVED], "hedge"),
    ],
)
def test_a_partys_claim_or_a_hedge_stated_as_fact_is_flagged(bullet: str, windows: list[str], what: str) -> None:
    assert dropped(bullet, windows) == what


@pytest.mark.parametrize(
    ("bullet", "windows"),
    [
        ("The Sudanese army spokesman said 12 RSF fighters were killed repelling a failed attack.", [SPOKESMAN]),
        ("قال المتحدث باسم الجيش السوداني إن 12 من عناصر الدعم السريع قُتلوا", [SPOKESMAN]),
        ("The Khartoum health ministry accused the RSF of shelling the market from west of the city.", [ACCUSED]),
        ("Their positions are hit from time to time by strikes believed to be Israeli or American.", [BELIEVED]),
        ("The RSF shelled the market from their positions west of the city.", [ACCUSED, IED]),  # one plain window
        ("60 trillion dinars.", ["من عجز قد يتجاوز 60 تريليون دينار"]),  # a fragment asserts nothing
    ],
)
def test_an_attributed_or_hedged_bullet_or_a_plain_window_is_clean(bullet: str, windows: list[str]) -> None:
    assert dropped(bullet, windows) is None


def test_carrying_is_not_blaming() -> None:
    """«حمّل» blames only with «المسؤولية»: «حملت لافتات» is carrying banners."""
    assert (
        dropped("المحتجون رفعوا لافتات تطالب بالإفراج عن المعتقلين", ["وحملت المحتجات لافتات تطالب بالإفراج"]) is None
    )
    assert attributes("The family blamed the Internal Security Agency.")


def test_the_round5_checks_report_through_verify_with_the_tables_status() -> None:
    """claim.weapon, claim.hedge and number.exact were promoted to errors (>= 97% on tune, held where they fired on
    the held-out run); claim.weapon (session 10) and claim.hedge (session 11) went back to warnings on every
    held-out file pooled; claim.harm and claim.attribution stay warnings."""
    article = f"{IED}. {WOUNDED}. {SPOKESMAN}"
    bullet = Bullet(
        text="The attack was carried out by a chemical weapon, killing two soldiers.",
        evidence=[Evidence(quote=WOUNDED)],
    )
    digest = Digest.model_construct(bullets=[bullet] * 3, events=[], run=None)
    checks = {f.check: f.status for f in verify(digest, article) if f.location == "bullets[0]"}
    # claim.weapon was an error from round 5 until session 10 (6/7 over every held-out file:
    # docs/history/claim-checker.md "Round 10")
    assert checks["claim.weapon"] == status_of("claim.weapon") == "unverified"
    assert checks["claim.harm"] == status_of("claim.harm") == "unverified"
    assert "number.exact" in ERROR_CHECKS
    # claim.hedge too was an error from round 5 until session 11 (5/6 over every held-out file:
    # docs/history/claim-checker.md "Round 11")
    assert not {"claim.weapon", "claim.hedge", "claim.harm", "claim.attribution"} & ERROR_CHECKS


def _bound(bullet: str, evidence: str) -> list[str | None]:
    stated = quantities(evidence)
    return [dropped_bound(bullet, q, stated) for q in quantities(bullet)]


def test_a_figure_told_as_exact_or_a_bound_dropped_is_flagged() -> None:
    rockets = "تعرضت القاعدة الأميركية في حقل كونيكو للغاز للاستهداف بنحو 10 صواريخ"
    assert _bound("The US base came under attack by exactly 10 rockets.", rockets) == ["exact"]
    assert _bound("أصيب عشرون متظاهراً بالتحديد بالاختناق والكدمات", "ما أسفر عن إصابة نحو عشرين متظاهرا") == ["exact"]
    fasher = "إن أكثر من 40 شخصا قُتلوا وأصيب العشرات خلال المعارك"
    assert _bound("The committees said 40 people were killed and dozens wounded.", fasher)[0] == "bound"


def test_a_figure_with_its_hedge_kept_or_a_plain_about_is_clean() -> None:
    rockets = "تعرضت القاعدة الأميركية في حقل كونيكو للغاز للاستهداف بنحو 10 صواريخ"
    assert _bound("The US base came under attack by 10 rockets.", rockets) == [None]  # «نحو» may be dropped
    fasher = "إن أكثر من 40 شخصا قُتلوا وأصيب العشرات خلال المعارك"
    assert _bound("The committees said more than 40 people were killed.", fasher) == [None]
    deficit = "وسط تحذيرات من خبراء اقتصاديين من عجز قد يتجاوز 60 تريليون دينار"
    assert _bound("Economists warn the deficit could top 60 trillion dinars this year.", deficit) == [None]
    assert _bound("60 trillion dinars.", deficit) == [None]  # a fragment


@pytest.mark.parametrize(
    ("bullet", "named"),
    [
        ("The Pentagon denied that any troops were killed in the RSF's attack on government buildings.", ["Pentagon"]),
        ("أعلن البنتاغون أن قوات الدعم السريع هاجمت مباني حكومية", ["البنتاغون"]),
        ("NATO said 12 RSF fighters were killed.", ["NATO"]),
    ],
)
def test_a_body_the_evidence_never_names_is_flagged(bullet: str, named: list[str]) -> None:
    assert unsupported_institutions(bullet, SPOKESMAN) == named


def test_a_body_the_evidence_names_in_arabic_is_clean() -> None:
    """ "The Pentagon" for «وزارة الدفاع الأميركي» (tune, hand-written 000-en-12): the ministry's name, either gender
    of its adjective; "Red Cross" for «الصليب الأحمر»; "the Atlantic" is no NATO."""
    pentagon = "أعلنت وزارة الدفاع الأميركي تعرض قاعدتي عين الأسد الجوية في العراق وقاعدة معمل غاز كونيكو في سوريا"
    assert unsupported_institutions("The Pentagon said Ain al-Asad air base was hit by rockets.", pentagon) == []
    assert unsupported_institutions("أعلن البنتاغون تعرض قاعدة عين الأسد لقصف صاروخي", pentagon) == []
    red_cross = "أعلن الصليب الأحمر اللبناني أن فرقه نقلت 12 مصابا إلى مستشفيات المنطقة"
    assert unsupported_institutions("The Lebanese Red Cross took 12 injured people to hospitals.", red_cross) == []
    assert unsupported_institutions("Migrants drowned in the Atlantic off Mauritania.", red_cross) == []


def test_the_window_holding_an_arabic_bullets_words_decides_and_a_plain_said_is_no_claim() -> None:
    """A copied spokesman's claim beside a context window (tune, round 4 real set) is flagged on the window it
    copies; a claim merely said («قال المرصد إن»), which faithful bullets drop all the time, is not flagged."""
    context = "ولم يصدر تعليق فوري من قوات الدعم السريع، التي تحاصر المدينة منذ أشهر."
    bullet = "الجيش السوداني قتلوا 12 من عناصر الدعم السريع في تصدي القوات المسلحة لهجوم فاشل على مواقعها."
    assert dropped(bullet, [SPOKESMAN, context]) == "attribution"
    observatory = "وقال المرصد السوري لحقوق الإنسان إن المعارك أسفرت عن مقتل 23 عنصرا من الفصائل"
    assert dropped("أسفرت المعارك عن مقتل 23 عنصرا من الفصائل خلال الأيام الثلاثة", [observatory]) is None


def test_what_an_arabic_harm_word_counts_is_read_right_after_it() -> None:
    """«أصيب شخص وأصيب ثمانية» where the police said one was killed (tune, round 4 real set); the faithful copy,
    and a qualifier before the figure, are clean."""
    police = "قُتل شخص وأصيب ثمانية آخرون، ظهر السبت، إثر إلقاء مجهول قنبلة يدوية على متجر للملابس في سوق بكارة"
    assert swapped_counted("أصيب شخص وأصيب ثمانية آخرون، ظهر السبت، إثر إلقاء مجهول قنبلة يدوية", police) == ["شخص"]
    assert swapped_counted("قُتل شخص وأصيب ثمانية آخرون إثر إلقاء قنبلة يدوية على متجر في سوق بكارة", police) == []
    fasher = "أسفرت المعارك عن مقتل أكثر من 40 شخصا وإصابة العشرات"
    assert swapped_counted("أفادت لجان مقاومة الفاشر بمقتل ما يزيد على 40 شخصاً وإصابة العشرات", fasher) == []
    assert swapped_counted("Eight people were killed in a grenade attack on a shop in Bakara market.", police) == []


def test_claims_checks_re_tabulates_a_run_as_promoted(capsys: pytest.CaptureFixture[str]) -> None:
    """``--promote`` counts more checks as errors when re-tabulating a committed run: the round 4 tune run under
    today's table has 7 false alarms by an error (round 17 made polarity.asserted an error again, and this run holds
    an old checker's findings, whose polarity.asserted fired on 4 faithful bullets; 3 in sessions 15-16; 4 in
    sessions 12-14, while name.country erred again; 3 between session 11's demotions and session 12's promotion of
    name.country back; 6 before session 11; 10 while claim.roles and polarity.asserted erred, before session 10);
    with ``name.unknown`` erroring too (3 of the 25 bullets it fires on are faithful), 9."""
    from summarizer.evals import claims_checks

    run = ["--split", "tune", "--source", "real2", "--from-json", "evals/claims_checks/tune_real2_run.json"]
    assert claims_checks.main(run) == 0
    assert "| false alarms on faithful bullets | 144 | 7/144" in capsys.readouterr().out
    assert claims_checks.main([*run, "--promote", "name.unknown"]) == 0
    out = capsys.readouterr().out
    assert "| false alarms on faithful bullets | 144 | 9/144" in out and "| name.unknown | 25 | 22/25" in out
    assert "88.0% [70.0%, 95.8%] | yes |" in out
    assert claims_checks.main(run) == 0  # the promotion does not outlive its run
    assert "| false alarms on faithful bullets | 144 | 7/144" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("bullet", "evidence", "points"),
    [
        (
            "Port authorities temporarily suspended unloading at the northern berth as a precaution.",
            'كما أعلنت سلطات الميناء تعليق عمليات التفريغ في الرصيف الجنوبي مؤقتا "كإجراء احترازي"',
            ["north"],
        ),
        (
            "أكد المتحدث باسم الجيش أن ثلاث مسيّرات على الأقل أصابت أهدافها في المنطقة الصناعية شمال المدينة",
            "إلا أن ثلاث مسيّرات على الأقل أصابت أهدافها في المنطقة الصناعية جنوب المدينة.",
            ["north"],
        ),
        (
            "The UN mission pointed to a rise in enforced disappearances in eastern Libya in recent months.",
            "مذكّرة بتزايد حالات الإخفاء القسري في غرب البلاد خلال الأشهر الأخيرة.",
            ["east"],
        ),
    ],
)
def test_a_direction_the_evidence_gives_otherwise_is_flagged(bullet: str, evidence: str, points: list[str]) -> None:
    assert swapped_directions(bullet, evidence) == points


@pytest.mark.parametrize(
    ("bullet", "evidence"),
    [
        (  # «شرقه»: its east
            "Government forces control the province west of the Euphrates, while the SDF hold the east.",
            "والمجموعات المدعومة من إيران غرب نهر الفرات، وقوات سوريا الديمقراطية شرقه.",
        ),
        (  # a region's name is a direction the evidence writes too
            "Fighting flared again in southern El Fasher, the capital of North Darfur state.",
            "في الأحياء الجنوبية لمدينة الفاشر، عاصمة ولاية شمال دارفور",
        ),
        ("Aid reached South Sudan through the northern crossing.", "عبرت المساعدات المعبر الشمالي"),  # a country
        ("Three drones hit the industrial zone south of the city.", "في المنطقة الصناعية جنوب المدينة."),
        ("The fighting spread to the north.", "وامتدت المعارك إلى مناطق أخرى"),  # the evidence gives no direction
    ],
)
def test_the_same_direction_a_name_or_no_direction_in_the_evidence_is_clean(bullet: str, evidence: str) -> None:
    assert swapped_directions(bullet, evidence) == []


def test_a_clock_hour_the_evidence_gives_otherwise_is_flagged() -> None:
    witnesses = "وقال شهود عيان في بورتسودان إنهم سمعوا دوي انفجارات متتالية قرابة الساعة الرابعة فجرا"
    assert other_hours("Witnesses heard a series of explosions at around 2 a.m. in Port Sudan.", witnesses) == [2]
    assert other_hours("Witnesses heard a series of explosions at around 4 a.m. in Port Sudan.", witnesses) == []
    assert other_hours("سمع شهود دوي انفجارات قرابة الساعة الرابعة فجراً", witnesses) == []
    assert other_hours("سمع شهود دوي انفجارات قرابة الساعة الثانية فجراً", witnesses) == [2]
    assert other_hours("The drone fired two missiles at the car at 3 p.m.", "أطلقت صاروخين على السيارة") == []


def _checks(text: str, quote: str, article: str) -> dict[str, str]:
    bullet = Bullet(text=text, evidence=[Evidence(quote=quote)])
    digest = Digest.model_construct(bullets=[bullet] * 3, events=[], run=None)
    return {f.check: f.status for f in verify(digest, article) if f.location == "bullets[0]"}


def test_a_country_of_a_city_the_evidence_names_is_its_own_warning() -> None:
    """ "Basra, Iraq" citing «البصرة» (tune, round 4 real set, faithful): ``name.country_of_place``, a warning; a
    country the city is not in is still ``name.country`` (an error but between session 11's demotion and session
    12's promotion)."""
    basra = "وتشهد البصرة، الغنية بالنفط، احتجاجات متكررة للمطالبة بالوظائف والخدمات منذ سنوات"
    article = f"فرّقت قوات مكافحة الشغب العراقية تظاهرة في العراق. {basra}. وقال ناشطون في سوريا إن الاحتجاجات ستستمر."
    iraq = _checks("Basra, Iraq, is oil-rich and has seen protests for jobs and services for years.", basra, article)
    assert iraq == {"name.country_of_place": "unverified"}
    syria = _checks("Basra, Syria, is oil-rich and has seen protests for jobs and services for years.", basra, article)
    # an error from session 12 to 14, a warning again since session 15 (36/42 pooled with round 15's blind file)
    assert syria == {"name.country": status_of("name.country")} and status_of("name.country") == "unverified"


def test_more_than_the_unit_of_a_vague_plural_is_its_own_warning() -> None:
    """ "more than 100 teachers" for «مئات المعلمين» (tune, round 4 real set, faithful): true, only weaker:
    ``number.value_vague``, a warning; "more than 14" for «العشرات» where the evidence says 40 stays an error."""
    quote = "نظّم مئات المعلمين، يوم الأربعاء، وقفة احتجاجية سلمية أمام مقر وزارة التربية"
    article = f"{quote}. وأصيب أكثر من 40 شخصا والعشرات في مواجهات."
    assert _checks("More than 100 teachers staged a peaceful protest at the education ministry.", quote, article) == {
        "number.value_vague": "unverified"
    }
    fought = "وأصيب أكثر من 40 شخصا والعشرات في مواجهات"
    assert _checks("More than 14 people were wounded in clashes.", fought, article) == {"number.value": "error"}
