"""``danvan report --unit CODE --year Y --period P --format docx|xlsx|pdf --output FILE`` (issue 14: a promise).

The whole report of a unit for a period, computed now for the whole system (the command runs as the
system, outside any account's scope; ``--user`` draws it as that account sees it), written as a file in
the issuer's default layout (a draft: the number and date are left blank).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.accounts.models import User
from danvan.core.actors import SystemActor
from danvan.core.periods import PeriodError
from danvan.reports import outputs_http, periods, services
from danvan.units.selectors import UnitCodeNotFound, unit_by_code


class Command(BaseCommand):
    help = "Lập báo cáo định kỳ của một đơn vị, một kỳ và ghi ra tệp DOCX, XLSX hoặc PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Mã đơn vị (ví dụ 19 hoặc 05842).")
        parser.add_argument("--year", required=True, type=int, help="Năm của kỳ báo cáo.")
        parser.add_argument("--period", default="year", help="year, h1, h2, q1…q4, m1…m12, 9m (và tt_h1, tt_year…).")
        parser.add_argument("--format", default="docx", choices=["docx", "xlsx", "pdf"], dest="fmt")
        parser.add_argument("--output", required=True, type=Path, help="Tệp sẽ ghi.")
        parser.add_argument(
            "--tree", default="today", choices=["today", "then"], help="Cây đơn vị hiện nay hoặc khi đó."
        )
        parser.add_argument("--user", default="", help="Lập như tài khoản này được xem (mặc định: toàn hệ thống).")

    def handle(self, *args: Any, **options: Any) -> None:
        code = str(options["unit"]).strip()
        try:
            unit = unit_by_code(code)
        except UnitCodeNotFound as exc:
            raise CommandError(f"Không có đơn vị mã “{code}” hiện hành.") from exc
        try:
            period = periods.parse(options["period"], options["year"])
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        actor: Any = SystemActor("dòng lệnh report")
        if options["user"]:
            actor = User.objects.filter(username=options["user"], is_active=True).first()
            if actor is None:
                raise CommandError(f"Không có tài khoản “{options['user']}”.")
        started = time.perf_counter()
        try:
            content = services.preview(
                actor=actor,
                unit=unit,
                period=period,
                period_code=options["period"],
                tree_then=options["tree"] == "then",
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        content["period_label"] = periods.label(options["period"], period)
        header = services.header_of(services.default_template(unit), content["period_label"])
        data = outputs_http.render(content, header, options["fmt"])
        output: Path = options["output"]
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã ghi {output} ({len(data) // 1024} KB): báo cáo {content['period_label']} của {unit.name}, "
                f"{len(content['sections'])} phần, {seconds:.1f} giây."
            )
        )
