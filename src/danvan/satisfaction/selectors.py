"""The only read path of the satisfaction area: scoped lists, the sample check and the index.

:func:`stats_for` computes every figure in SQL through the kit's statistics engine: the answers by
question (one ``GROUP BY`` over the unit's coverage, with the direct sub-units in the same call), the
responses, the expectation choices, and the per-dossier ratings of the one-stop area read by name from
the statistics registry (``onestop.ratings``), never by importing that area.

The ranking among sibling units: the siblings' figures come in one pass (the engine's ``by_unit`` on the
parent), counted over the whole system, because a rank is only meaningful among all the siblings — a
commune officer's scope holds their commune alone. Only the positions come from that pass; the
siblings' values are shown for the siblings inside the viewer's scope only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from danvan.accounts import access, roles
from danvan.core.periods import Period
from danvan.satisfaction import measures, rules
from danvan.satisfaction.models import (
    Campaign,
    ExpectationQuestion,
    IndexTarget,
    Item,
    Questionnaire,
    Response,
    SamplePlanRow,
)
from danvan.stats import registry
from danvan.stats.engine import WHOLE_SYSTEM, Target, Value, compute
from danvan.units.models import Unit
from danvan.units.rules import Level

RIGHTS = roles.SATISFACTION
K = rules.ItemKind


# --- lists ------------------------------------------------------------------------------------------


def questionnaires_for(user: Any) -> QuerySet[Questionnaire]:
    return Questionnaire.objects.visible_to(user).select_related("unit")


def questionnaire_for(user: Any, pk: Any, permission: str = RIGHTS.view) -> Questionnaire:
    return access.get_for_user_or_404(questionnaires_for(user), user, permission, pk=pk)


def campaigns_for(user: Any, permission: str = RIGHTS.view) -> QuerySet[Campaign]:
    """The campaigns of the units in ``user``'s scope, and those whose sample plan reaches a commune in
    it (a province's campaign, for the officers of its surveyed communes)."""
    scope = access.scope_for(user, permission)
    ids = SamplePlanRow.objects.filter(scope.q("unit__path")).values("campaign_id")
    return (
        Campaign.objects.filter(scope.q("unit__path") | Q(pk__in=ids))
        .select_related("unit", "questionnaire")
        .order_by("-starts_on", "-pk")
    )


def campaign_for(user: Any, pk: Any, permission: str = RIGHTS.view) -> Campaign:
    """One campaign ``user`` may see; 404 for missing and for not yours."""
    try:
        return campaigns_for(user, permission).get(pk=int(pk))
    except (Campaign.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy.") from None


def public_campaign(token: str) -> Campaign | None:
    """The campaign of a public link (its token), open or not."""
    if not token or len(token) > 32:
        return None
    return Campaign.objects.filter(token=token).select_related("unit", "questionnaire").first()


def entry_communes(user: Any, campaign: Campaign, permission: str = RIGHTS.edit) -> list[Unit]:
    """The communes of the plan where ``user`` may enter paper answers (the campaign's unit when there is
    no plan and it is a commune)."""
    scope = access.scope_for(user, permission)
    units = {row.unit.pk: row.unit for row in campaign.plan.select_related("unit")}
    if not units and campaign.unit.level == Level.COMMUNE:
        units = {campaign.unit.pk: campaign.unit}
    return sorted((u for u in units.values() if scope.covers(u.path)), key=lambda u: u.name)


def plan_procedures(campaign: Campaign) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for code, name in campaign.plan.order_by("procedure_code").values_list("procedure_code", "procedure_name"):
        seen.setdefault(code, name)
    return list(seen.items())


@dataclass
class Structure:
    """A questionnaire as a form shows it: elements with their criteria and satisfaction question, the
    overall question, the expectation questions."""

    elements: list[tuple[Any, list[Item], Item | None]]
    overall: Item | None
    expectations: list[ExpectationQuestion]

    @property
    def items(self) -> list[Item]:
        out: list[Item] = []
        for _element, criteria, own in self.elements:
            out += criteria + ([own] if own else [])
        return out + ([self.overall] if self.overall else [])


def structure_of(questionnaire: Questionnaire) -> Structure:
    items = list(questionnaire.items.select_related("element").order_by("order", "pk"))
    elements = []
    for element in questionnaire.elements.order_by("order", "pk"):
        criteria = [i for i in items if i.element_id == element.pk and i.kind == K.CRITERION]
        own = next((i for i in items if i.element_id == element.pk and i.kind == K.ELEMENT), None)
        elements.append((element, criteria, own))
    overall = next((i for i in items if i.kind == K.OVERALL), None)
    return Structure(elements, overall, list(questionnaire.expectations.order_by("order", "pk")))


# --- the sample check -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StratumRow:
    unit: Unit
    procedure_code: str
    procedure_name: str
    check: rules.StratumCheck


def sample_check_for(user: Any, campaign: Campaign) -> list[StratumRow]:
    """The responses per stratum (commune × procedure) against the plan, counted in SQL, for the strata
    inside ``user``'s scope."""
    scope = access.scope_for(user, RIGHTS.view)
    plan = list(campaign.plan.filter(scope.q("unit__path")).select_related("unit"))
    counted = (
        Response.objects.filter(campaign=campaign)
        .filter(scope.q("unit__path"))
        .values_list("unit_id", "procedure_code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answered = {(u, code): n for u, code, n in counted}
    names = {row.procedure_code: row.procedure_name for row in plan}
    checks = rules.sample_check({(r.unit_id, r.procedure_code): r.quota for r in plan}, answered)
    units = {r.unit_id: r.unit for r in plan}
    missing = {u for (u, _code) in answered if u not in units}
    units |= {u.pk: u for u in Unit.objects.filter(pk__in=missing)}
    rows = [StratumRow(units[c.key[0]], c.key[1], names.get(c.key[1], ""), c) for c in checks]
    return sorted(rows, key=lambda r: (r.check.quota is None, r.unit.name, r.procedure_code))


# --- the index ---------------------------------------------------------------------------------------


@dataclass
class Figure:
    """Answers of one question (or a group of them): valid, satisfied (4–5), and the index."""

    valid: int = 0
    satisfied: int = 0
    very_satisfied: int = 0
    unsatisfied: int = 0

    def add(self, values: dict[str, Value]) -> None:
        self.valid += int(values.get("valid") or 0)
        self.satisfied += int(values.get("satisfied") or 0)
        self.very_satisfied += int(values.get("very_satisfied") or 0)
        self.unsatisfied += int(values.get("unsatisfied") or 0)

    @property
    def index(self) -> Decimal | None:
        return rules.index_of(self.satisfied, self.valid)


@dataclass
class ElementFigure:
    order: int
    name: str
    figure: Figure = field(default_factory=Figure)
    criteria: dict[str, Figure] = field(default_factory=dict)


@dataclass
class SiblingRow:
    unit: Unit
    figure: Figure
    rank: rules.Rank | None


@dataclass
class SatisfactionStats:
    """The satisfaction figures of a unit and a period (DOMAIN §4.1, §4.2)."""

    unit: Unit
    period: Period
    overall: Figure = field(default_factory=Figure)
    elements: list[ElementFigure] = field(default_factory=list)
    responses: dict[str, int] = field(default_factory=dict)
    #: The per-dossier ratings (onestop.ratings): rated, satisfied…; None when not registered.
    ratings: dict[str, int] | None = None
    sibling_noun: str = ""
    rank: rules.Rank | None = None
    siblings: list[SiblingRow] = field(default_factory=list)
    sub_units: list[SiblingRow] = field(default_factory=list)
    previous_period: Period | None = None
    previous_index: Decimal | None = None
    previous_rank: rules.Rank | None = None
    target: IndexTarget | None = None
    target_status: rules.TargetStatus | None = None
    expectations: list[tuple[str, list[tuple[str, int]]]] = field(default_factory=list)

    @property
    def index(self) -> Decimal | None:
        return self.overall.index

    @property
    def rating_share(self) -> Decimal | None:
        """Tỷ lệ hài lòng qua đánh giá hồ sơ: hài lòng và rất hài lòng / lượt đánh giá."""
        if not self.ratings:
            return None
        return rules.index_of(int(self.ratings.get("satisfied", 0)), int(self.ratings.get("rated", 0)))

    @property
    def rank_change(self) -> str:
        return rules.rank_change(self.previous_rank, self.rank)

    @property
    def value_change(self) -> str:
        return rules.value_change(self.previous_index, self.index)

    @property
    def rank_text(self) -> str:
        return self.rank.text(self.sibling_noun) if self.rank else ""

    @property
    def previous_rank_text(self) -> str:
        return self.previous_rank.text(self.sibling_noun) if self.previous_rank else ""


def sibling_noun(unit: Unit) -> str:
    nouns: dict[str, str] = {Level.PROVINCE: "tỉnh, thành phố", Level.COMMUNE: "xã, phường", Level.DISTRICT: "huyện"}
    return nouns.get(unit.level, "đơn vị")


_INDEX_MEASURES = ("valid", "satisfied", "very_satisfied", "unsatisfied")
_OVERALL = ("overall_valid", "overall_satisfied")


def _overall(values: dict[str, Value]) -> Figure:
    return Figure(valid=int(values.get("overall_valid") or 0), satisfied=int(values.get("overall_satisfied") or 0))


def _siblings(unit: Unit, period: Period, today_tree: bool) -> list[tuple[Unit, Figure]]:
    """Every sibling's overall figure, in one pass over the parent (the nation for a province)."""
    parent = Unit.objects.get_parent(unit)
    target = Target(parent, period, viewer=WHOLE_SYSTEM, today_tree=today_tree)
    figures = compute(measures.ANSWERS, target, measures=_OVERALL, by_unit=True)
    return [(u, _overall(values)) for u, values in figures.by_unit]


def _ranks(rows: Iterable[tuple[Unit, Figure]]) -> dict[int, rules.Rank]:
    return rules.ranks({u.pk: f.index for u, f in rows})


def _elements(cells: dict[tuple[Any, ...], dict[str, Value]]) -> tuple[Figure, list[ElementFigure]]:
    """The overall figure and each element's (with its criteria), from the cells by (kind, item); elements
    of several questionnaires are added up by name."""
    overall = Figure()
    items = {i.pk: i for i in Item.objects.filter(pk__in={key[1] for key in cells}).select_related("element")}
    by_name: dict[str, ElementFigure] = {}
    for (kind, item_id), values in sorted(cells.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        item = items[item_id]
        if kind == K.OVERALL or item.element is None:
            overall.add(values)
            continue
        element = by_name.setdefault(item.element.name, ElementFigure(item.element.order, item.element.name))
        if kind == K.ELEMENT:
            element.figure.add(values)
        else:
            element.criteria.setdefault(item.text, Figure()).add(values)
    return overall, sorted(by_name.values(), key=lambda e: (e.order, e.name))


def _expectations(target: Target) -> list[tuple[str, list[tuple[str, int]]]]:
    figures = compute(measures.EXPECTATIONS, target, breakdown=("question_id", "option"))
    if not figures.cells:
        return []
    questions = {q.pk: q for q in ExpectationQuestion.objects.filter(pk__in={k[0] for k in figures.cells})}
    grouped: dict[str, dict[str, int]] = {}
    for (question_id, option), values in figures.cells.items():
        question = questions[question_id]
        label = question.options[option] if option < len(question.options) else f"Lựa chọn {option + 1}"
        row = grouped.setdefault(question.text, {})
        row[label] = row.get(label, 0) + int(values["chosen"] or 0)
    return [(text, sorted(row.items(), key=lambda kv: (-kv[1], kv[0]))) for text, row in grouped.items()]


def target_for(user: Any, unit: Unit, period: Period) -> IndexTarget | None:
    """The unit's target for exactly ``period``, else the shortest one that covers it (the year's)."""
    found = IndexTarget.objects.visible_to(user).filter(unit=unit, starts_on__lte=period.start, ends_on__gte=period.end)
    exact = found.filter(starts_on=period.start, ends_on=period.end).first()
    if exact is not None:
        return exact
    return min(found, key=lambda t: t.ends_on - t.starts_on, default=None)


def stats_for(unit: Unit, period: Period, *, user: Any, today_tree: bool = True) -> SatisfactionStats:
    """Every satisfaction figure of ``unit`` in ``period`` that ``user`` may see: the index per element
    and overall, the responses, the per-dossier rating share, the rank among the siblings and its change
    against the previous period, the target and its status, the sub-units' indexes and the expectations."""
    target = Target(unit, period, viewer=user, today_tree=today_tree)
    answers = compute(
        measures.ANSWERS, target, measures=_INDEX_MEASURES + _OVERALL, breakdown=("kind", "item_id"), by_unit=_OVERALL
    )
    stats = SatisfactionStats(unit=unit, period=period, sibling_noun=sibling_noun(unit))
    stats.overall, stats.elements = _elements(answers.cells)
    sub = [(u, _overall(values)) for u, values in answers.by_unit]
    sub_ranks = _ranks(sub)
    stats.sub_units = sorted(
        (SiblingRow(u, f, sub_ranks.get(u.pk)) for u, f in sub),
        key=lambda r: (r.rank.position if r.rank else 10**6, r.unit.name),
    )
    stats.responses = {k: int(v or 0) for k, v in compute(measures.RESPONSES, target).total.items()}
    try:
        ratings = registry.source("onestop.ratings")
    except LookupError:
        stats.ratings = None
    else:
        stats.ratings = {
            k: int(v or 0) for k, v in compute(ratings, target, measures=("rated", "satisfied")).total.items()
        }
    scope = access.scope_for(user, RIGHTS.view)
    if unit.depth >= 1:
        siblings = _siblings(unit, period, today_tree)
        ranks = _ranks(siblings)
        stats.rank = ranks.get(unit.pk)
        stats.siblings = [SiblingRow(u, f, ranks.get(u.pk)) for u, f in siblings if scope.covers(u.path)]
        stats.siblings.sort(key=lambda r: (r.rank.position if r.rank else 10**6, r.unit.name))
        previous = period.previous()
        stats.previous_period = previous
        before = _siblings(unit, previous, today_tree)
        stats.previous_rank = _ranks(before).get(unit.pk)
        previous_target = Target(unit, previous, viewer=user, today_tree=today_tree)
        stats.previous_index = _overall(compute(measures.ANSWERS, previous_target, measures=_OVERALL).total).index
    stats.target = target_for(user, unit, period)
    if stats.target is not None:
        stats.target_status = rules.target_status(stats.index, stats.target.value, stats.target.comparison)
    stats.expectations = _expectations(target)
    return stats
