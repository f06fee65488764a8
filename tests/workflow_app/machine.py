"""The errand's table and its services: all the code this workflow has."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from danvan.accounts import roles
from danvan.workflow import machine as wf
from danvan.workflow.engine import Step
from danvan.workflow.machine import NOTE, Action, Machine
from tests.workflow_app.models import Errand

SIDE_EFFECTS: list[str] = []


def _submit(step: Step) -> None:
    step.after_commit(lambda: SIDE_EFFECTS.append(f"submitted {step.obj.pk}"))


def _approve(step: Step) -> None:
    if "cấm" in step.obj.title:
        raise ValidationError({"status": f"“{step.obj.title}” không được phê duyệt."})
    step.obj.approved_on = step.params["on"]


def _reject(step: Step) -> None:
    step.note = step.params["reason"]


ERRAND = Machine(
    name="errand",
    model=Errand,
    noun="đề nghị",
    states={"draft": "Nháp", "submitted": "Đã gửi", "approved": "Đã duyệt", "rejected": "Không duyệt"},
    actions={
        a.name: a
        for a in (
            Action("submit", "Gửi đề nghị", frozenset({"draft"}), "submitted", roles.EDIT_RECORDS, _submit),
            Action(
                "approve", "Phê duyệt", frozenset({"submitted"}), "approved", roles.DECIDE_RECORDS, _approve,
                params=(wf.on("Ngày phê duyệt"), NOTE), date_param="on", bulk=True, basis="Quy chế thử nghiệm, Điều 1",
            ),
            Action(
                "reject", "Không duyệt", frozenset({"submitted"}), "rejected", roles.DECIDE_RECORDS, _reject,
                params=(wf.reason(),),
            ),
        )
    },
    describe=lambda e: f"“{e.title}”",
)  # fmt: skip
