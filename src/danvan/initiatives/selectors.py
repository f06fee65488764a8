"""The only read path of the "Dân vận khéo" area: scoped lists, filters, and the statistics.

Every list starts from ``Initiative.objects.visible_to(user)``. Statistics
count over a unit's coverage — its subtree and, on today's tree, the subtrees
of the units merged into it — so that Thái Nguyên's figures include former
Bắc Kạn's models, while a report on the tree as it was counts Bắc Kạn alone.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet, Sum
from django.http import Http404

from danvan.accounts import access
from danvan.core.periods import Period
from danvan.core.scoping import path_prefix_q
from danvan.core.text import sort_key
from danvan.initiatives import measures, rules
from danvan.initiatives.models import Criterion, Evidence, Field, Initiative, Metric, ResultValue, Review, Score
from danvan.stats.engine import Figures, Target, compute_many
from danvan.units.models import Unit
from danvan.units.selectors import children_on, coverage_prefixes

if TYPE_CHECKING:
    from danvan.accounts.models import User


def initiatives_for(user: User | Any) -> QuerySet[Initiative]:
    """The models ``user`` may see: the start of the list, its API and its export
    (:data:`danvan.initiatives.lists.INITIATIVES` filters, searches and sorts them)."""
    return Initiative.objects.visible_to(user).select_related("unit", "field", "subfield")


#: Timeline steps that are not transitions of the table.


def evidence_for(user: User | Any, pk: int) -> Evidence:
    """A piece of evidence in the user's scope (through its model)."""
    return access.get_for_user_or_404(Evidence.objects.select_related("initiative__unit"), user, pk=pk)


def review_for(user: User | Any, pk: int) -> Review:
    """A council the user may see (through its model)."""
    qs = Review.objects.select_related("initiative__unit", "chair").prefetch_related("members")
    return access.get_for_user_or_404(qs, user, pk=pk)


def results_of(initiative: Initiative) -> list[Any]:
    """The model's measured results, summed over its reports, per metric."""
    rows = (
        ResultValue.objects.filter(initiative=initiative)
        .values("metric__name", "metric__unit_label", "metric__order")
        .annotate(total=Sum("value"))
        .order_by("metric__order")
    )
    return list(rows)


def fields_tree() -> list[tuple[Field, list[Field]]]:
    fields = list(Field.objects.filter(active=True).order_by("order", "name"))
    return [(f, [s for s in fields if s.parent_id == f.pk]) for f in fields if f.parent_id is None]


# --- public gallery ------------------------------------------------------------------------------


def published() -> QuerySet[Initiative]:
    """What the public may read: recognised models approved for publication."""
    return Initiative.objects.filter(published=True, status__in=[s.value for s in rules.RECOGNISED_STATUSES])


def gallery_units(parent: Unit | None, day: datetime.date) -> list[tuple[Unit, int]]:
    """Today's provinces (or the communes of ``parent``) with their number of published models, in
    Vietnamese alphabetical order of their names ("Xã Ba Bể" by "Ba Bể", before "Phường Đức Xuân")."""
    result = []
    base = published()
    for unit in children_on(parent, day):
        n = base.filter(path_prefix_q(coverage_prefixes(unit))).count()
        if n:
            result.append((unit, n))
    return sorted(result, key=lambda pair: (sort_key(pair[0].short_name or pair[0].name), pair[0].code))


def gallery(
    *, unit: Unit | None = None, field: Field | None = None, level: str = "", with_photos: bool = False
) -> QuerySet[Initiative]:
    """The public gallery, filtered: the models published within ``unit`` (its whole coverage, merged units
    included), of a field (or sub-field), recognised at a level, those with public photos; the most
    recently recognised first."""
    qs = published()
    if unit is not None:
        qs = qs.filter(path_prefix_q(coverage_prefixes(unit)))
    if field is not None:
        qs = qs.filter(subfield=field) if field.parent_id else qs.filter(field=field)
    if level:
        qs = qs.filter(level=level)
    if with_photos:
        qs = qs.filter(pk__in=public_photos().values("initiative_id"))
    return qs.order_by("-recognised_on", "name", "pk")


def public_photos() -> QuerySet[Evidence]:
    """The photos the public may see: marked public, images, of a published model — never anything else."""
    return Evidence.objects.filter(
        public=True, kind=Evidence.Kind.PHOTO, content_type__startswith="image/", initiative__in=published()
    )


# --- statistics ---------------------------------------------------------------------------------


@dataclass
class Breakdown:
    """Counts of one dimension (field, level…): label → {registered, recognised, exemplary, …}."""

    rows: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, label: str, measure: str, n: int = 1) -> None:
        self.rows.setdefault(label, Counter())[measure] += n


@dataclass
class InitiativeStats:
    unit: Unit
    period: Period
    today_tree: bool
    registered: int = 0
    recognised: int = 0
    exemplary: int = 0
    commended: int = 0
    replicated: int = 0
    collective: Counter[str] = field(default_factory=Counter)
    individual: Counter[str] = field(default_factory=Counter)
    by_field: Breakdown = field(default_factory=Breakdown)
    by_subfield: Breakdown = field(default_factory=Breakdown)
    by_level: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)
    by_unit: list[tuple[Unit, Counter[str]]] = field(default_factory=list)
    results: list[tuple[Metric, Decimal]] = field(default_factory=list)

    MEASURES = ("registered", "recognised", "exemplary", "commended", "replicated")


def stats_for(unit: Unit, period: Period, *, today_tree: bool = True, user: User | Any) -> InitiativeStats:
    """Registered, recognised, exemplary, commended and replicated models of ``unit`` in ``period``.

    * registered — registration date in the period;
    * recognised — recognition decision in the period (at any level);
    * exemplary — chosen as exemplary in the period;
    * commended — at least one commendation decision in the period;
    * replicated — replicated in the period.

    ``today_tree`` counts the records of the units merged into ``unit`` (its
    coverage); otherwise only ``unit``'s own subtree, as the tree was. Only what
    ``user`` may see is counted; a system caller passes
    :data:`danvan.stats.engine.WHOLE_SYSTEM`. The measures are declared in
    :mod:`danvan.initiatives.measures`; three scans compute them all.
    """
    return stats_for_units([unit], period, today_tree=today_tree, user=user)[0]


def stats_for_units(
    units: list[Unit], period: Period, *, today_tree: bool = True, user: User | Any
) -> list[InitiativeStats]:
    """:func:`stats_for` of several units — the provinces of a national report — in the same scans."""
    dimensions = ("kind", "field_id", "subfield_id", "level", "status")
    targets = [Target(unit, period, viewer=user, today_tree=today_tree) for unit in units]
    all_figures = compute_many(measures.INITIATIVES, targets, breakdown=dimensions, by_unit=True)
    all_results = compute_many(measures.RESULTS, targets, breakdown=("metric_id",))
    fields = {f.pk: f for f in Field.objects.select_related("parent")}
    metrics = {m.pk: m for m in Metric.objects.all()}
    return [
        _initiative_stats(unit, period, today_tree, figures, results, fields, metrics)
        for unit, figures, results in zip(units, all_figures, all_results, strict=True)
    ]


def _initiative_stats(
    unit: Unit,
    period: Period,
    today_tree: bool,
    figures: Figures,
    results: Figures,
    fields: dict[int, Field],
    metrics: dict[int, Metric],
) -> InitiativeStats:
    stats = InitiativeStats(unit=unit, period=period, today_tree=today_tree)
    for name in InitiativeStats.MEASURES:
        setattr(stats, name, figures.total[name])
    order = {pk: (f.parent.order if f.parent else f.order, f.order, f.name) for pk, f in fields.items() if f.parent_id}
    order |= {pk: (f.order, -1, f.name) for pk, f in fields.items() if not f.parent_id}
    # Fields and sub-fields in the catalogue's order.
    for (kind, field_id, subfield_id, level, _), values in sorted(
        figures.cells.items(), key=lambda cell: (order[cell[0][1]], order.get(cell[0][2], ()))
    ):
        for name in InitiativeStats.MEASURES:
            n = int(values[name] or 0)
            if not n:
                continue
            (stats.collective if kind == Initiative.Kind.MODEL else stats.individual)[name] += n
            stats.by_field.add(fields[field_id].name, name, n)
            if subfield_id:
                stats.by_subfield.add(str(fields[subfield_id]), name, n)
            if name == "recognised" and level:
                stats.by_level[level] += n
    stats.by_status = Counter(
        {status: int(n or 0) for status, n in sorted(figures.breakdown(4, "registered").items(), key=lambda kv: kv[0])}
    )
    stats.by_unit = [
        (child, Counter({name: int(values[name] or 0) for name in InitiativeStats.MEASURES if values[name]}))
        for child, values in figures.by_unit
    ]

    stats.results = sorted(
        (
            (metrics[metric_id], Decimal(values["result"]))
            for (metric_id,), values in results.cells.items()
            if values["result"] is not None
        ),
        key=lambda pair: pair[0].order,
    )
    return stats


# --- reference lists and the council -----------------------------------------------------------


def active_criteria() -> list[Criterion]:
    """The council's criteria in use, in scoring order, with their weights and scale."""
    return list(Criterion.objects.filter(active=True).order_by("order", "pk"))


def active_metrics() -> list[Metric]:
    """The measured results an officer may report, with their unit and its other spellings."""
    return list(Metric.objects.filter(active=True).order_by("order", "name"))


def reviews_for(user: User | Any) -> QuerySet[Review]:
    """The councils of the models ``user`` may see."""
    return Review.objects.filter(initiative__in=Initiative.objects.visible_to(user)).select_related(
        "initiative__unit", "chair"
    )


def review_for_user(user: User | Any, pk: int) -> Review:
    """The council ``pk`` if ``user`` may see its model; "not found" for missing and not yours alike."""
    try:
        return reviews_for(user).get(pk=pk)
    except Review.DoesNotExist as exc:
        raise Http404("Không tìm thấy.") from exc


def review_of(initiative: Initiative) -> Review | None:
    """The model's open council, else its latest closed one, else ``None``."""
    reviews = initiative.reviews.select_related("chair")
    return reviews.filter(closed_at__isnull=True).first() or reviews.order_by("-opened_at", "-pk").first()


@dataclass(frozen=True)
class MemberSheet:
    """One council member's scores so far, in criteria order; ``complete`` once every criterion is scored."""

    member: User | Any
    scores: list[Score]
    complete: bool


@dataclass(frozen=True)
class ReviewSheet:
    review: Review
    criteria: list[Criterion]
    members: list[MemberSheet]
    #: The council's average on 100 (the live figure while the council sits, the recorded one after).
    total: Decimal | None


def review_sheet(review: Review) -> ReviewSheet:
    """The scoring table of the council page: criteria, each member's scores, the total."""
    criteria = active_criteria()
    given = {(s.member_id, s.criterion_id): s for s in review.scores.select_related("criterion")}
    members = []
    for member in review.members.order_by("full_name", "username"):
        scores = [given[(member.pk, c.pk)] for c in criteria if (member.pk, c.pk) in given]
        members.append(MemberSheet(member=member, scores=scores, complete=len(scores) == len(criteria)))
    total = review.total
    if review.is_open:
        from danvan.initiatives.services import council_total  # the very figure recognise() checks

        total = council_total(review)
    return ReviewSheet(review=review, criteria=criteria, members=members, total=total)
