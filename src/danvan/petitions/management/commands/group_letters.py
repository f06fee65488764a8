"""``danvan group_letters --unit CODE --user USERNAME [--apply]``: the grouping of a unit's backlog (the
letters in no case yet) in the foreground, through the same services as the page (issue 11).

Prints the progress and a summary ("Đề xuất 167 vụ việc cho 189 đơn, thư; 12 nhóm có từ 2 đơn trở
lên"); the proposals then wait on the review page of USERNAME, whose scope they follow. ``--apply``
accepts every proposal and applies them at once.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from danvan.accounts.models import User
from danvan.core.text import format_number
from danvan.petitions import backlog
from danvan.petitions.models import GroupingRun
from danvan.units.selectors import UnitCodeNotFound, unit_by_code


class Command(BaseCommand):
    help = (
        "Đề xuất gộp các đơn chưa phân vụ việc của một đơn vị thành vụ việc (theo phạm vi của một người dùng); "
        "--apply: đồng ý mọi đề xuất và áp dụng ngay."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Mã đơn vị hành chính (xã, phường, tỉnh).")
        parser.add_argument("--user", required=True, help="Tên đăng nhập của người xem xét (phạm vi của người đó).")
        parser.add_argument("--apply", action="store_true", help="Đồng ý mọi đề xuất và áp dụng ngay.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            unit = unit_by_code(options["unit"])
        except UnitCodeNotFound as exc:
            raise CommandError(str(exc)) from exc
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{options['user']}” đang hoạt động.")
        try:
            run = backlog.create_run(user=user, unit=unit)
        except PermissionDenied as exc:
            raise CommandError(f"{user.username}: {exc}") from exc
        tty = sys.stderr.isatty()
        last: list[str] = [""]

        def progress(done: int, total: int) -> None:
            half = total // 2
            if done <= half:
                line = f"So sánh nội dung: {format_number(done)}/{format_number(half)} đơn"
            else:
                line = f"So sánh nội dung: {format_number(half)}/{format_number(half)} đơn; tìm vụ việc đã có: " \
                       f"{format_number(done - half)}/{format_number(half)} đơn"  # fmt: skip
            if line != last[0]:
                last[0] = line
                if tty:
                    self.stderr.write(f"\r{line}", ending="")

        run = backlog.run_grouping(str(run.pk), progress)
        self.stderr.write(("\r" if tty else "") + (last[0] or "Không có đơn nào chưa phân vụ việc."))
        if run.status != GroupingRun.Status.READY:
            raise CommandError(f"Không đề xuất được: {run.error}")
        self.stdout.write(backlog.summary(run) + ".")
        if not options["apply"]:
            self.stdout.write(f"Xem xét và áp dụng tại {reverse('backlog_review', args=[run.pk])}")
            return
        try:
            backlog.accept_all(actor=user, run=run)
            done = backlog.apply(actor=user, run=run)
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError(" ".join(messages)) from exc
        text = f"Đã áp dụng: {format_number(done.letters)} đơn thành {format_number(done.new_cases)} vụ việc mới"
        if done.joined_letters:
            text += (
                f", {format_number(done.joined_letters)} đơn gộp vào {format_number(done.joined_cases)} vụ việc đã có"
            )
        self.stdout.write(text + ".")
