"""Demo data of the satisfaction area: one SIPAS survey in Thái Nguyên in 2026, through the services.

The answers are drawn from a seeded random generator: each commune has its own quality of service (a
shift of the answers' distribution), each respondent a mood, each item a little noise. Nothing types
the index in; it is whatever the draws give (about 85%, as the seeds' "85,16%").
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from danvan.core.actors import SystemActor
from danvan.core.periods import Period
from danvan.satisfaction import services
from danvan.satisfaction.models import Campaign
from danvan.units.models import Unit
from danvan.units.rules import Level
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

DEMO = SystemActor("dữ liệu mẫu")
SEED = 2026

#: The procedures surveyed: codes and names as plain text (the sample plan does not point at the catalogue).
PROCEDURES = (
    ("1.001193", "Đăng ký khai sinh"),
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
    ("1.000894", "Đăng ký kết hôn"),
)
#: The communes surveyed: the two demo communes first, then others of the province that exist in the tree.
COMMUNES = ("01840", "01912")
#: How likely an answer of each commune is to be "hài lòng" or better: some serve better than others.
QUALITY = (0.89, 0.83, 0.87, 0.81)
#: A respondent's mood moves that likelihood a little, and some answers are "không ý kiến".
MOODS = (-0.06, 0.0, 0.0, 0.03)
NO_OPINION = 0.02


def _communes(province: Unit) -> list[Unit]:
    chosen: list[Unit] = []
    for code in COMMUNES:
        try:
            chosen.append(unit_by_code(code))
        except UnitCodeNotFound:
            continue
    others = (
        Unit.objects.filter(path__startswith=province.path, level=Level.COMMUNE, valid_to__isnull=True)
        .exclude(pk__in=[u.pk for u in chosen])
        .order_by("code")
    )
    return chosen + list(others[: 4 - len(chosen)])


def _draw(rng: random.Random, satisfied: float) -> int | None:
    """One answer: "hài lòng" or "rất hài lòng" with the probability ``satisfied``, else one of the lower
    levels; or none ("không ý kiến")."""
    if rng.random() < NO_OPINION:
        return None
    if rng.random() < satisfied:
        return rng.choices((4, 5), weights=(58, 42))[0]
    return rng.choices((1, 2, 3), weights=(1, 3, 8))[0]


def seed_satisfaction() -> None:
    """A published SIPAS questionnaire of Thái Nguyên, one 2026 campaign with its sample plan over four
    communes and three procedures, a few hundred responses (paper and online), and "trên 80%" targets."""
    try:
        province = unit_by_code("19")
    except UnitCodeNotFound:
        return
    communes = _communes(province)
    if not communes:
        return
    questionnaire = services.create_questionnaire(
        actor=DEMO, unit=province, name="Phiếu khảo sát sự hài lòng của người dân, tổ chức năm 2026", year=2026
    )
    services.publish_questionnaire(actor=DEMO, questionnaire=questionnaire)
    rng = random.Random(SEED)
    quotas = {(c.pk, code): rng.choice((20, 25, 30)) for c in communes for code, _ in PROCEDURES}
    plan = [
        services.PlanRow(unit=c, procedure_code=code, procedure_name=name, quota=quotas[(c.pk, code)])
        for c in communes
        for code, name in PROCEDURES
    ]
    start, end = datetime.date(2026, 3, 1), datetime.date(2026, 12, 31)
    campaign = services.create_campaign(
        actor=DEMO,
        questionnaire=questionnaire,
        unit=province,
        name="Khảo sát sự hài lòng về giải quyết thủ tục hành chính năm 2026",
        starts_on=start,
        ends_on=end,
        plan=plan,
    )
    services.open_campaign(actor=DEMO, campaign=campaign)
    _answer(campaign, communes, quotas, rng, start)
    year = Period.year(2026)
    basis = "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ (trên 80% đến năm 2025)"
    for unit in [province, *communes]:
        services.set_target(actor=DEMO, unit=unit, period=year, value="80", legal_basis=basis)


def _answer(
    campaign: Campaign,
    communes: list[Unit],
    quotas: dict[tuple[int, str], int],
    rng: random.Random,
    start: datetime.date,
) -> None:
    form = services.form_of(campaign)
    items = sorted(form.items)
    questions = sorted(form.questions)
    last = min(timezone.localdate(), campaign.ends_on)
    span = max((last - start).days, 0)
    paper: list[services.Answers] = []
    online: list[services.Answers] = []
    for position, commune in enumerate(communes):
        quality = QUALITY[position % len(QUALITY)]
        for code, _name in PROCEDURES:
            # Most strata reach their quota; some fall short or go over, for the sample check.
            count = max(1, quotas[(commune.pk, code)] + rng.choice((-4, -1, 0, 0, 0, 2)))
            for _ in range(count):
                day = start + datetime.timedelta(days=rng.randint(0, span))
                # Service improves a little over the year (for the trend between the halves).
                p = quality + rng.choice(MOODS) + 0.04 * (day - start).days / max(span, 1) - 0.02
                answers: dict[int, int | None] = {pk: _draw(rng, p) for pk in items}
                if all(v is None for v in answers.values()):
                    answers[items[-1]] = 4
                picks = {
                    q: rng.sample(range(form.questions[q][1]), rng.randint(1, form.questions[q][2])) for q in questions
                }
                channel = "online" if rng.random() < 0.3 else "paper"
                given = services.Answers(commune, code, answers, picks, day, channel)
                (online if channel == "online" else paper).append(given)
    services.record_responses(campaign=campaign, responses=paper, actor=DEMO)
    services.record_responses(campaign=campaign, responses=online, token=campaign.token)
