"""What a grouping run does (the task, and ``danvan group_letters``): the backlog of a unit compared by the
kit's matcher, then each group looked up among the existing cases; the proposals written at the end.

Kept apart from :mod:`.backlog`, which starts runs and applies them, as the kit keeps an export's work
(:mod:`danvan.lists.exports`) apart from starting one (:mod:`danvan.lists.jobs`): the task module calls
this one, and starting a run calls the task module.

What the officer is shown follows the hardening rule (issue 10): the letters he may see, and a sealed
letter (tố cáo, nhiều nội dung) is grouped with others only for someone who may see its sender
(:func:`services.may_see_identity`: the handlers and the leader of its case, so nobody while it is in no
case): it is proposed as a matter of its own, and nothing about its sender goes into the reasons. An
existing case is proposed only where the owner may work on it and, sealed, only to its handlers and leader
(:func:`duplicates.may_be_shown`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.text import format_number
from danvan.matching import Index, Match, Settings, group_index
from danvan.petitions import duplicates, services
from danvan.petitions.models import Case, GroupingRun, GroupProposal, Letter
from danvan.units.models import Unit
from danvan.units.selectors import coverage_prefixes

if TYPE_CHECKING:
    from danvan.accounts.models import User

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
#: The run's progress is written every this many letters (and at the end of each half).
PROGRESS_EVERY = 200
SEALED_REASON = "Đơn tố cáo hoặc nhiều nội dung: người gửi được giữ bí mật, nên không đề xuất gộp với đơn khác."
_PAIR = re.compile(r"^Đơn #(\d+) – đơn #(\d+): ")
_SCORE = re.compile(r" \(điểm (\d+)/100\)$")


def backlog_letters(user: User | Any, unit: Unit, permission: str = roles.PETITIONS.edit) -> QuerySet[Letter]:
    """The letters in no case yet under ``unit`` (and the units merged into it) on which ``user`` holds
    ``permission`` (by default: may work on them), oldest first."""
    scope = access.Scope(prefixes=tuple(coverage_prefixes(unit)))
    return (
        Letter.objects.visible_to(user, permission)
        .filter(scope.q("unit__path"), case__isnull=True)
        .select_related("unit", "subject")
        .order_by("received_on", "pk")
    )


def pair_reason(a: int, b: int, match: Match) -> str:
    return f"Đơn #{a} – đơn #{b}: {match.reason} (điểm {round(match.score * 100)}/100)"


def case_reason(case: Case, letter: Letter, match: Match) -> str:
    return f"Vụ việc {case.number} (đơn #{letter.pk}): {match.reason} (điểm {round(match.score * 100)}/100)"


def pair_of(reason: str) -> tuple[int, int] | None:
    """The two letters of a reason line written by :func:`pair_reason` (else None)."""
    found = _PAIR.match(reason)
    return (int(found[1]), int(found[2])) if found else None


def score_of(reason: str) -> float | None:
    """The score of a reason line of :func:`pair_reason` or :func:`case_reason` (else None)."""
    found = _SCORE.search(reason)
    return int(found[1]) / 100 if found else None


@dataclass
class _Group:
    letters: list[Letter]
    reasons: list[str]
    score: float | None
    sealed: bool = False
    case: Case | None = None
    case_score: float | None = None


class _Meter:
    """The run's progress, written to its row every :data:`PROGRESS_EVERY` letters (the page reads it)."""

    def __init__(self, run: GroupingRun, progress: Progress | None) -> None:
        self.run = run
        self.progress = progress
        self.written = -PROGRESS_EVERY

    def __call__(self, done: int, *, force: bool = False) -> None:
        if force or done - self.written >= PROGRESS_EVERY:
            GroupingRun.objects.filter(pk=self.run.pk).update(done=done)
            self.written = done
        self.run.done = done
        if self.progress is not None:
            self.progress(done, self.run.total)


def _spanning(members: list[Letter], pairs: list[tuple[str, str, Match]]) -> tuple[list[str], float | None]:
    """The strongest links that hold ``members`` together (Kruskal on the scored pairs, best first): one
    reason per link, and the weakest of them as the group's score."""
    parent = {str(m.pk): str(m.pk) for m in members}

    def find(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    reasons, weakest = [], None
    for a, b, match in sorted(pairs, key=lambda p: (-p[2].score, p[0], p[1])):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        parent[rb] = ra
        low, high = sorted((int(a), int(b)))
        reasons.append(pair_reason(low, high, match))
        weakest = match.score if weakest is None else min(weakest, match.score)
    return reasons, weakest


def _groups(run: GroupingRun, letters: list[Letter], meter: _Meter) -> list[_Group]:
    """The letters compared with one another: one group per matter, in the order of their first letter."""
    user = run.owner
    open_letters = [letter for letter in letters if not letter.sealed or services.may_see_identity(user, letter)]
    grouped: dict[str, str] = {}
    pairs: list[tuple[str, str, Match]] = []
    if open_letters:  # nothing to compare: no index
        index = Index(Settings())
        # A case has one unit and one kind: letters are compared within their unit and kind only.
        index.add(replace(duplicates.record_of(x), scope=f"{x.unit_id}:{x.kind}") for x in open_letters)
        ids = [str(letter.pk) for letter in open_letters]
        grouped, pairs = group_index(index, ids, lambda done, total: meter(done))
    by_group: dict[str, list[Letter]] = {}
    for letter in open_letters:
        by_group.setdefault(grouped[str(letter.pk)], []).append(letter)
    links: dict[str, list[tuple[str, str, Match]]] = {}
    for a, b, match in pairs:
        links.setdefault(grouped[a], []).append((a, b, match))
    found = {}
    for key, members in by_group.items():
        reasons, score = _spanning(members, links.get(key, []))
        found[members[0].pk] = _Group(members, reasons, score)
    compared = {letter.pk for letter in open_letters}
    out = []
    for letter in letters:  # oldest first: sealed letters, each alone, where they fall
        if letter.pk in found:
            out.append(found[letter.pk])
        elif letter.pk not in compared:
            out.append(_Group([letter], [SEALED_REASON], None, sealed=True))
    meter(len(letters), force=True)
    return out


def _existing_case(user: User | Any, group: _Group) -> tuple[Case, Letter, Match] | None:
    """The case of the same unit and kind that a letter of ``group`` scores as the same matter, best first,
    among those ``user`` may be shown."""
    same_matter = Settings().same_matter
    best: tuple[Case, Letter, Match] | None = None
    for letter in group.letters:
        for found in duplicates.candidates(letter.unit, duplicates.record_of(letter), viewer=access.user_of(user)):
            if not (found.joinable and found.case.kind == letter.kind and found.match.score >= same_matter):
                continue
            if not duplicates.may_be_shown(user, found.letter):
                continue
            if best is None or found.match.score > best[2].score:
                best = (found.case, found.letter, found.match)
    return best


def propose(run: GroupingRun, progress: Progress | None = None) -> list[GroupProposal]:
    """The run's proposals: the backlog letters under its unit that its owner may see, grouped by the
    matcher (:func:`danvan.matching.group_index`, the intake's score), each group with the existing case
    it is about when one of the same unit and kind scores as the same matter. The progress is written to
    the run as it goes (the page reads it; ``progress`` hears it too); the proposals are written at the
    end, in one transaction, and the run is then ready for its owner's review."""
    user = run.owner
    letters = list(backlog_letters(user, run.unit))
    run.total = 2 * len(letters)
    GroupingRun.objects.filter(pk=run.pk).update(total=run.total, done=0)
    meter = _Meter(run, progress)
    groups = _groups(run, letters, meter)
    done = len(letters)
    for group in groups:
        if not group.sealed:
            found = _existing_case(user, group)
            if found is not None:
                group.case, letter, match = found
                group.case_score = match.score
                group.reasons.append(case_reason(group.case, letter, match))
        done += len(group.letters)
        meter(done)
    meter(run.total, force=True)
    with transaction.atomic():
        run.proposals.all().delete()
        proposals = GroupProposal.objects.bulk_create(
            GroupProposal(
                run=run,
                position=position,
                case=group.case,
                score=min((s for s in (group.score, group.case_score) if s is not None), default=None),
                reasons=group.reasons,
            )
            for position, group in enumerate(groups, start=1)
        )
        through = GroupProposal.letters.through
        through.objects.bulk_create(
            (
                through(groupproposal_id=proposal.pk, letter_id=letter.pk)
                for proposal, group in zip(proposals, groups, strict=True)
                for letter in group.letters
            ),
            batch_size=1000,
        )
        GroupingRun.objects.filter(pk=run.pk).update(
            status=GroupingRun.Status.READY, done=run.total, finished_at=timezone.now()
        )
    run.refresh_from_db()
    return proposals


def run_grouping(run_id: str, progress: Progress | None = None) -> GroupingRun:
    """Run a queued run (the task, or the command in the foreground); a failure is kept on the run."""
    run = GroupingRun.objects.select_related("owner", "unit").get(pk=run_id)
    if run.status != GroupingRun.Status.QUEUED:
        return run
    GroupingRun.objects.filter(pk=run.pk).update(status=GroupingRun.Status.RUNNING)
    run.status = GroupingRun.Status.RUNNING
    try:
        propose(run, progress)
    except Exception as exc:
        log.exception("grouping run %s failed", run.pk)
        GroupingRun.objects.filter(pk=run.pk).update(
            status=GroupingRun.Status.FAILED, error=f"{type(exc).__name__}: {exc}", finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run


def summary(run: GroupingRun) -> str:
    """ "Đề xuất 167 vụ việc cho 189 đơn, thư; 12 nhóm có từ 2 đơn trở lên"."""
    sizes = list(run.proposals.annotate(n=Count("letters")).values_list("n", flat=True))
    joined = run.proposals.filter(case__isnull=False).count()
    text = (
        f"Đề xuất {format_number(len(sizes))} vụ việc cho {format_number(sum(sizes))} đơn, thư; "
        f"{format_number(sum(1 for n in sizes if n >= 2))} nhóm có từ 2 đơn trở lên"
    )
    if joined:
        text += f"; {format_number(joined)} nhóm thuộc vụ việc đã có"
    return text
