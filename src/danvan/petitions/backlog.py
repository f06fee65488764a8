"""The backlog (đơn chưa phân vụ việc) and its grouping into cases: issue 11, "Tiếp nhận 189 đơn, thư với
167 vụ việc" — letters about one matter are one case.

A province switching to DanVan brings the letters of its earlier register from Excel (:mod:`.imports`).
Each is written by :func:`enter_letters` with the checks a letter gets at the desk
(:func:`services.intake_errors`, :func:`services.normalised`), with no case (``case=None``: the backlog)
and an event of its own, every row or none. :func:`start_grouping` then queues a run of the matcher over
the backlog of a unit (:mod:`.backlog_grouping`, with its progress on the run); its owner reviews the
proposals (:func:`accept`, :func:`reject`, :func:`split`) and :func:`apply` turns them into cases in one
transaction: an accepted proposal becomes one case, opened as :func:`services.receive_letter` opens one
(:func:`services.open_case_for`), or joins the existing case it was found to be about; a rejected one
leaves each of its letters a case of its own. A run is applied once; a letter taken out of the backlog
meanwhile refuses the whole apply, naming it.

Runs are their owner's: the pages, the inbox and these services answer "not found" to anyone else.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core.models import Event
from danvan.core.text import format_date, format_datetime, format_number, nfc
from danvan.petitions import services
from danvan.petitions.backlog_grouping import backlog_letters, pair_of, propose, run_grouping, score_of, summary
from danvan.petitions.models import Case, GroupingRun, GroupProposal, Letter
from danvan.petitions.tasks import group_backlog
from danvan.units.models import Unit

if TYPE_CHECKING:
    from danvan.accounts.models import User

__all__ = [
    "BacklogRefused",
    "BacklogRow",
    "accept",
    "accept_all",
    "apply",
    "backlog_errors",
    "backlog_letters",
    "create_run",
    "enter_letters",
    "give_up_if_lost",
    "needs_decision",
    "plan",
    "proposals_of",
    "propose",
    "reject",
    "run_for",
    "run_grouping",
    "split",
    "start_grouping",
    "summary",
]

Actor = Any
IMPORTED = "Nhập từ tệp Excel: đơn chưa phân vụ việc"
APPLIED_NOTE = "Đơn chưa phân vụ việc, đưa vào vụ việc theo đề xuất gộp đơn"


def _require(actor: Actor, obj: Any) -> None:
    access.require(actor, roles.PETITIONS.edit, obj, "Bạn không có quyền với đơn thư của đơn vị này.")


# --- the backlog: letters in no case --------------------------------------------------------------------


@dataclass(frozen=True)
class BacklogRow:
    """One letter of the earlier register: the unit that received it and what was recorded."""

    unit: Unit
    intake: services.Intake


class BacklogRefused(ValidationError):
    """Some rows cannot be entered; ``rows`` maps each one's index to field → messages."""

    def __init__(self, rows: dict[int, dict[str, list[str]]]) -> None:
        super().__init__(f"{len(rows)} đơn trong danh sách không nhập được; không đơn nào được ghi.")
        self.rows = rows


def backlog_errors(*, actor: Actor, rows: Sequence[BacklogRow]) -> dict[int, dict[str, list[str]]]:
    """The checks of :func:`enter_letters` without writing (the preview): by row index, field → messages.
    A letter's own checks are the intake's; the actor must hold the right on each row's unit."""
    allowed: dict[int, bool] = {}
    errors: dict[int, dict[str, list[str]]] = {}
    for index, row in enumerate(rows):
        found = services.intake_errors(row.intake)
        if row.unit.pk not in allowed:
            allowed[row.unit.pk] = actor is not None and access.can(actor, roles.PETITIONS.edit, row.unit)
        if not allowed[row.unit.pk]:
            found.setdefault("unit", []).append(f"{row.unit.name} ngoài phạm vi của bạn.")
        if found:
            errors[index] = found
    return errors


def _letter(actor: Actor, row: BacklogRow) -> Letter:
    """The letter as :func:`services.receive_letter` records it, without a case or a reception session."""
    intake = services.normalised(row.intake)
    eligible, reason = services.eligibility(intake)
    return services.letter_from(actor, row.unit, intake, eligible, reason)


@transaction.atomic
def enter_letters(*, actor: Actor, rows: Sequence[BacklogRow], note: str = IMPORTED) -> list[Letter]:
    """Enter the letters of an earlier register into the backlog: every row or none, each with no case and
    one event on its own timeline. Checked by :func:`backlog_errors` (:class:`BacklogRefused` names the rows)."""
    access.require_actor(actor)
    errors = backlog_errors(actor=actor, rows=rows)
    if errors:
        raise BacklogRefused(errors)
    letters = Letter.objects.bulk_create([_letter(actor, row) for row in rows], batch_size=1000)
    content_type = ContentType.objects.get_for_model(Letter)
    user = access.user_of(actor)
    now = timezone.now()
    Event.objects.bulk_create(
        (
            Event(
                content_type=content_type,
                object_id=str(letter.pk),
                unit_id=letter.unit_id,
                actor=user,
                system=getattr(actor, "reason", "")[:120] if user is None else "",
                at=now,
                action="letter",
                note=nfc(note),
                on=letter.received_on,
            )
            for letter in letters
        ),
        batch_size=1000,
    )
    return letters


# --- grouping runs -------------------------------------------------------------------------------------


def run_for(user: User | Any, pk: Any) -> GroupingRun:
    """The run ``pk`` if it is ``user``'s and still in their scope; "not found" otherwise."""
    run = (
        GroupingRun.objects.visible_to(user, roles.PETITIONS.edit)
        .select_related("unit", "owner", "applied_by")
        .filter(pk=pk, owner=user)
        .first()
        if user is not None and getattr(user, "is_authenticated", False)
        else None
    )
    if run is None:
        raise Http404("Không có đề xuất gộp đơn này.")
    return run


def create_run(*, user: User, unit: Unit) -> GroupingRun:
    """A queued run of ``user`` over the backlog under ``unit`` (the command runs it in the foreground)."""
    _require(user, unit)
    if not isinstance(getattr(user, "pk", None), int):
        raise PermissionDenied("Đề xuất gộp đơn cần một người dùng để xem xét.")
    return GroupingRun.objects.create(owner=user, unit=unit)


def start_grouping(user: User, unit: Unit) -> GroupingRun:
    """Queue the grouping of the backlog under ``unit`` as ``user`` may see it; the page follows its progress.

    Not in a transaction: the run's row is committed before the task is queued, so a worker finds it; with
    the immediate backend (the tests) the proposals are made right here."""
    run = create_run(user=user, unit=unit)
    group_backlog.enqueue(str(run.pk))
    run.refresh_from_db()
    return run


#: A run still queued or running this long after it was asked for was lost (the worker stopped mid-way).
STALE_AFTER = datetime.timedelta(minutes=30)
LOST = "Bị gián đoạn: máy chủ xử lý nền đã dừng giữa chừng. Hãy đề xuất lại."


def give_up_if_lost(run: GroupingRun) -> GroupingRun:
    """Mark a lost run as failed, so that its page stops waiting and tells the owner to start again."""
    waiting = run.status in (GroupingRun.Status.QUEUED, GroupingRun.Status.RUNNING)
    if waiting and run.created_at < timezone.now() - STALE_AFTER:
        updated = GroupingRun.objects.filter(pk=run.pk, status=run.status).update(
            status=GroupingRun.Status.FAILED, error=LOST, finished_at=timezone.now()
        )
        if updated:
            run.refresh_from_db()
    return run


def _reviewing(actor: Actor, run: GroupingRun) -> GroupingRun:
    """The run locked for a change by its owner, still awaiting review."""
    locked = GroupingRun.objects.select_for_update().select_related("unit").get(pk=run.pk)
    if access.user_of(actor) is None or locked.owner_id != actor.pk:
        raise PermissionDenied("Chỉ người đề xuất gộp đơn mới xem xét, áp dụng được đề xuất này.")
    _require(actor, locked.unit)
    if locked.status == GroupingRun.Status.APPLIED:
        by = f" ({locked.applied_by.full_name or locked.applied_by.username})" if locked.applied_by else ""
        when = format_datetime(locked.applied_at) if locked.applied_at else ""
        raise ValidationError({"run": f"Đề xuất gộp đơn này đã được áp dụng lúc {when}{by}; không áp dụng lại được."})
    if locked.status != GroupingRun.Status.READY:
        raise ValidationError({"run": f"Đề xuất gộp đơn đang ở trạng thái “{locked.get_status_display()}”."})
    return locked


def _proposal(run: GroupingRun, proposal: GroupProposal) -> GroupProposal:
    if proposal.run_id != run.pk:
        raise ValidationError({"proposal": "Nhóm này không thuộc đề xuất gộp đơn này."})
    return GroupProposal.objects.select_for_update().get(pk=proposal.pk)


@transaction.atomic
def accept(*, actor: Actor, run: GroupingRun, proposal: GroupProposal) -> GroupProposal:
    """Đồng ý: the proposal's letters are one case (or join its existing case) when the run is applied."""
    proposal = _proposal(_reviewing(actor, run), proposal)
    proposal.status = GroupProposal.Status.ACCEPTED
    proposal.save(update_fields=["status"])
    return proposal


@transaction.atomic
def reject(*, actor: Actor, run: GroupingRun, proposal: GroupProposal) -> GroupProposal:
    """Không gộp: each of the proposal's letters becomes a case of its own when the run is applied."""
    proposal = _proposal(_reviewing(actor, run), proposal)
    proposal.status = GroupProposal.Status.REJECTED
    proposal.save(update_fields=["status"])
    return proposal


@transaction.atomic
def accept_all(*, actor: Actor, run: GroupingRun) -> int:
    """Đồng ý every proposal not decided yet; how many."""
    run = _reviewing(actor, run)
    return run.proposals.filter(status=GroupProposal.Status.PROPOSED).update(status=GroupProposal.Status.ACCEPTED)


def _kept(reasons: list[str], ids: set[int], *, links_only: bool = False) -> tuple[list[str], float | None]:
    """The reason lines that stay with the letters ``ids`` (a link between two of them; with
    ``links_only`` false, also the lines about the existing case), and the weakest score among them."""
    kept, scores = [], []
    for reason in reasons:
        pair = pair_of(reason)
        if (pair is None and not links_only) or (pair is not None and {pair[0], pair[1]} <= ids):
            kept.append(reason)
            score = score_of(reason)
            if score is not None:
                scores.append(score)
    return kept, min(scores, default=None)


@transaction.atomic
def split(*, actor: Actor, run: GroupingRun, proposal: GroupProposal, letter_ids: Sequence[int]) -> GroupProposal:
    """Tách: the chosen letters leave ``proposal`` for a new proposal of their own, right after it (a new
    case, whatever the first was about); both are to be reviewed again. Returns the new proposal."""
    run = _reviewing(actor, run)
    proposal = _proposal(run, proposal)
    members = {letter.pk for letter in proposal.letters.all()}
    chosen = {int(pk) for pk in letter_ids}
    if not chosen or not chosen <= members:
        raise ValidationError({"letters": "Chọn các đơn của nhóm này để tách."})
    if chosen == members:
        raise ValidationError({"letters": "Chọn một phần các đơn để tách (không chọn cả nhóm)."})
    reasons_rest, score_rest = _kept(proposal.reasons, members - chosen)
    reasons_new, score_new = _kept(proposal.reasons, chosen, links_only=True)
    run.proposals.filter(position__gt=proposal.position).update(position=F("position") + 1)
    new = GroupProposal.objects.create(run=run, position=proposal.position + 1, score=score_new, reasons=reasons_new)
    new.letters.set(sorted(chosen))
    proposal.letters.remove(*chosen)
    proposal.reasons, proposal.score, proposal.status = reasons_rest, score_rest, GroupProposal.Status.PROPOSED
    proposal.save(update_fields=["reasons", "score", "status"])
    return new


def needs_decision(proposal: GroupProposal, size: int) -> bool:
    """A proposal the owner must decide on: several letters, or an existing case (a single letter without one
    becomes its own case either way)."""
    return size >= 2 or proposal.case_id is not None


@dataclass(frozen=True)
class Plan:
    """What applying the run would do now, and how many proposals still await a decision."""

    new_cases: int
    joined_cases: int
    joined_letters: int
    letters: int
    waiting: int
    first_waiting: int | None


def plan(run: GroupingRun) -> Plan:
    new_cases = joined_cases = joined_letters = letters = waiting = 0
    first_waiting = None
    for proposal in run.proposals.annotate(size=Count("letters")).order_by("position"):
        size = proposal.size
        letters += size
        if proposal.status == GroupProposal.Status.PROPOSED and needs_decision(proposal, size):
            waiting += 1
            first_waiting = first_waiting or proposal.position
        elif proposal.status == GroupProposal.Status.REJECTED:
            new_cases += size
        elif proposal.case_id is not None:
            joined_cases += 1
            joined_letters += size
        elif size:
            new_cases += 1
    return Plan(new_cases, joined_cases, joined_letters, letters, waiting, first_waiting)


@dataclass(frozen=True)
class Applied:
    """What :func:`apply` did."""

    new_cases: int
    joined_cases: int
    joined_letters: int
    letters: int


def _taken(letter: Letter) -> str:
    case = letter.case
    where = f"vụ việc {case.number}" if case is not None else "một vụ việc"
    return (
        f"Đơn #{letter.pk} ngày {format_date(letter.received_on)} ({services.public_sender(letter)}) đã được đưa "
        f"vào {where} sau khi đề xuất; không áp dụng được. Hãy đề xuất gộp đơn lại."
    )


def _may_join(actor: Actor, case: Case) -> bool:
    return access.can(actor, roles.PETITIONS.edit, case)


@transaction.atomic
def apply(*, actor: Actor, run: GroupingRun) -> Applied:
    """Áp dụng: every proposal becomes cases, in one transaction — accepted, one case (new, or its existing
    case); rejected, one case per letter. Refused while a proposal awaits a decision, when applied already,
    and when a letter has left the backlog meanwhile (the message names it); then nothing is written."""
    run = _reviewing(actor, run)
    waiting = plan(run)
    if waiting.waiting:
        raise ValidationError(
            {"run": f"Còn {format_number(waiting.waiting)} nhóm chưa xem xét (nhóm {waiting.first_waiting} trở đi): "
                    "hãy đồng ý, tách hoặc không gộp từng nhóm trước khi áp dụng."}
        )  # fmt: skip
    proposals = list(run.proposals.select_related("case__unit").order_by("position"))
    through = GroupProposal.letters.through
    members: dict[int, list[int]] = {}
    for proposal_id, letter_id in through.objects.filter(groupproposal__run=run).values_list(
        "groupproposal_id", "letter_id"
    ):
        members.setdefault(proposal_id, []).append(letter_id)
    ids = [pk for group in members.values() for pk in group]
    letters = {
        letter.pk: letter
        for letter in Letter.objects.select_for_update(of=("self",)).select_related("unit", "case").filter(pk__in=ids)
    }
    if missing := sorted(set(ids) - set(letters)):
        raise ValidationError({"run": f"Đơn #{missing[0]} không còn; không áp dụng được. Hãy đề xuất gộp đơn lại."})
    for letter in sorted(letters.values(), key=lambda letter: (letter.received_on, letter.pk)):
        if letter.case_id is not None:
            raise ValidationError({"run": _taken(letter)})
        _require(actor, letter)
    for proposal in proposals:
        case = proposal.case
        if case is not None and proposal.status == GroupProposal.Status.ACCEPTED and not _may_join(actor, case):
            raise ValidationError(
                {"run": f"Vụ việc {case.number} (nhóm {proposal.position}) không còn trong phạm vi của bạn; hãy tách "
                        "hoặc không gộp nhóm này."}
            )  # fmt: skip
    new_cases = joined_cases = joined_letters = 0
    for proposal in proposals:
        group = [letters[pk] for pk in members.get(proposal.pk, [])]
        if not group:
            continue
        if proposal.status == GroupProposal.Status.REJECTED:
            for letter in group:
                services.open_case_for(actor=actor, letters=[letter], note=APPLIED_NOTE)
            new_cases += len(group)
        elif proposal.case is not None:
            services.open_case_for(actor=actor, letters=group, case=proposal.case, note=APPLIED_NOTE)
            joined_cases += 1
            joined_letters += len(group)
        else:
            services.open_case_for(actor=actor, letters=group, note=APPLIED_NOTE)
            new_cases += 1
    run.status = GroupingRun.Status.APPLIED
    run.applied_at = timezone.now()
    run.applied_by = access.user_of(actor)
    run.save(update_fields=["status", "applied_at", "applied_by"])
    return Applied(new_cases, joined_cases, joined_letters, len(ids))


def proposals_of(run: GroupingRun, *, waiting_only: bool = False) -> QuerySet[GroupProposal]:
    """The run's proposals in order, each with its size and its letters (oldest first); ``waiting_only``:
    those the owner must decide on (:func:`needs_decision`)."""
    proposals = run.proposals.annotate(size=Count("letters"))
    if waiting_only:
        proposals = proposals.filter(Q(size__gte=2) | Q(case__isnull=False))
    return (
        proposals.select_related("case")
        .prefetch_related(
            Prefetch(
                "letters",
                queryset=Letter.objects.select_related("unit", "subject", "case").order_by("received_on", "pk"),
            )
        )
        .order_by("position")
    )
