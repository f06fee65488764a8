"""A report's generation: what the background task runs (kept apart from the services, which queue it)."""

from __future__ import annotations

import logging

from django.utils import timezone

from danvan.core.actors import SystemActor
from danvan.core.periods import Period
from danvan.reports import build as builder
from danvan.reports import periods, selectors
from danvan.reports.models import Report

log = logging.getLogger(__name__)
S = Report.Status


def generate(report_id: int) -> Report:
    """Compute a report's content (the task): every section, the progress told after each one."""
    report = Report.objects.select_related("unit", "created_by").get(pk=report_id)
    if report.status != S.GENERATING:
        return report
    viewer = report.created_by or SystemActor("báo cáo định kỳ")
    period = Period.custom(report.period_start, report.period_end)
    if report.period_code != "custom":  # the same kind of period, so that "the previous period" is right
        period = periods.parse(report.period_code, report.period_end.year)

    def progress(done: int, total: int, title: str) -> None:
        Report.objects.filter(pk=report.pk).update(progress_done=done, progress_total=total, progress_label=title)

    try:
        content = builder.build(
            report.unit,
            period,
            viewer=viewer,
            period_code=report.period_code,
            today_tree=not report.tree_then,
            wording=selectors.wording_in_force(),
            progress=progress,
        )
    except Exception as exc:  # the page must stop waiting and say why
        log.exception("report %s failed", report.pk)
        Report.objects.filter(pk=report.pk, status=S.GENERATING).update(
            status=S.FAILED, error=f"Không tổng hợp được báo cáo: {exc}"
        )
        report.refresh_from_db()
        return report
    content["period_label"] = report.period_label
    Report.objects.filter(pk=report.pk, status=S.GENERATING).update(
        status=S.DRAFT, content=content, generated_at=timezone.now(), error=""
    )
    report.refresh_from_db()
    return report
