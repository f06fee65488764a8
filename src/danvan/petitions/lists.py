"""The case list (vụ việc), declared once for the page, the API and the Excel export.

The sender column of the export never carries a denouncer's identity (:func:`services.public_sender`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.lists.registry import register
from danvan.lists.spec import Column, Filter, ScopedList, Search, Sort
from danvan.petitions import rules, selectors, services
from danvan.petitions.inbox import CASES as CASES_FEED
from danvan.petitions.models import Case
from danvan.workflow.inbox import todo_q

EVERYTHING = [("", "Tất cả")]


def _choice(label: str, labels: dict[Any, str]) -> forms.Field:
    return forms.ChoiceField(label=label, choices=EVERYTHING + [(str(k), v) for k, v in labels.items()], required=False)


def _queue() -> forms.Field:
    return forms.ChoiceField(label="Hàng việc", choices=list(selectors.QUEUES.items()), required=False)


def _in_queue(qs: QuerySet[Case], queue: str, user: Any) -> QuerySet[Case]:
    """The list's queues; "Của tôi" is what the inbox counts as mine — the cases waiting for my step
    (a proposal awaiting the leader's acceptance included) and those I handle, lead or received."""
    if queue == "mine":
        mine = todo_q(CASES_FEED, user)
        followed = CASES_FEED.involved(user) if CASES_FEED.involved is not None else Q(pk__in=[])
        return qs.filter(followed if mine is None else mine | followed)
    return selectors.in_queue(qs, queue, user)


def _default_sort(values: Mapping[str, Any]) -> str:
    # A deadline queue reads soonest first; the others, the latest received first.
    return "due_on" if values.get("queue") in ("due_soon", "overdue") else "-received_on"


def _sender(case: Case) -> str:
    letters = list(case.letters.all())
    return services.public_sender(letters[0]) if letters else ""


CASES = register(
    ScopedList(
        name="cases",
        base=selectors.cases_for,
        search=Search(label="Số vụ việc, nội dung", fold=("number", "summary")),
        filters=(
            Filter("queue", _queue, _in_queue, hidden=True, with_user=True),
            Filter("status", lambda: _choice("Trạng thái", rules.STATUS_LABELS), lambda qs, v: qs.filter(status=v)),
            Filter("kind", lambda: _choice("Loại", rules.KIND_LABELS), lambda qs, v: qs.filter(kind=v)),
        ),
        sorts=(
            Sort("number", _("Số"), ("number",)),
            Sort("received_on", _("Ngày nhận"), ("received_on",)),
            Sort("kind", _("Loại"), ("kind", "-received_on")),
            Sort("unit", _("Đơn vị"), ("unit__path", "-received_on")),
            Sort("status", _("Trạng thái"), ("status", "-received_on")),
            Sort("due_on", _("Hạn"), ("due_on", "-received_on")),
        ),
        default_sort=_default_sort,
        page_size=50,
        title="DANH SÁCH VỤ VIỆC, ĐƠN THƯ",
        filename="vu-viec",
        personal_data=True,  # the sender's name (never a denouncer's): each export is logged
        export_queryset=lambda qs: qs.prefetch_related("letters"),
        columns=(
            Column("Số vụ việc", lambda c: c.number),
            Column("Ngày nhận", lambda c: c.received_on),
            Column("Loại", lambda c: rules.KIND_LABELS[rules.LetterKind(c.kind)]),
            Column("Lĩnh vực", lambda c: c.subject.name),
            Column("Nội dung", lambda c: c.summary),
            Column("Người gửi", _sender),
            Column("Số đơn", lambda c: len(c.letters.all())),
            Column("Đơn vị", lambda c: c.unit.name),
            Column("Trạng thái", lambda c: rules.STATUS_LABELS[rules.Status(c.status)]),
            Column("Hạn", lambda c: c.due_on),
            Column("Quá hạn", lambda c: "Có" if c.is_overdue else ""),
            Column("Ngày quyết định", lambda c: c.decided_on),
            Column("Kết quả", lambda c: c.outcome),
        ),
    )
)
