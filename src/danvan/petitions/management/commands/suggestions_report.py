from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.text import format_number
from danvan.petitions.suggestion_report import measure, suggestions
from danvan.units.selectors import UnitCodeNotFound, unit_by_code


def _share(part: int, whole: int) -> str:
    if not whole:
        return "—"
    return format_number(100 * part / whole, 2).removesuffix(",00") + "%"  # 85,16%; 100%


class Command(BaseCommand):
    help = (
        "Đánh giá gợi ý khi tiếp nhận đơn (vụ việc trùng, loại đơn, lĩnh vực, cơ quan có thẩm quyền) "
        "so với quyết định của cán bộ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", help="Mã đơn vị: chỉ đơn của đơn vị này và các đơn vị trực thuộc.")
        parser.add_argument("--since", help="Chỉ đơn nhận từ ngày này (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = None
        if options["unit"]:
            try:
                unit = unit_by_code(options["unit"])
            except UnitCodeNotFound as exc:
                raise CommandError(f"Không có đơn vị mã {options['unit']}.") from exc
        since = None
        if options["since"]:
            try:
                since = datetime.date.fromisoformat(options["since"])
            except ValueError as exc:
                raise CommandError("--since phải là ngày dạng 2026-12-01.") from exc
        r = measure(suggestions(unit, since))
        n = format_number
        self.stdout.write(f"{n(r.letters)} đơn, thư; {n(r.with_cases)} đơn có gợi ý vụ việc có thể trùng.")
        self.stdout.write(
            f"Cán bộ gộp {n(r.joined)} đơn vào vụ việc đã có: vụ việc gợi ý đầu tiên đúng "
            f"{_share(r.joined_first, r.joined)}, trong 5 gợi ý {_share(r.joined_in_five, r.joined)}."
        )
        self.stdout.write(
            f"Xác nhận vụ việc mới dù có gợi ý: {n(r.new_despite_cases)} đơn; còn chờ quyết định: {n(r.pending)} đơn."
        )
        self.stdout.write(
            f"Gợi ý loại đơn đúng {_share(r.kind_right, r.kind_suggested)} ({n(r.kind_suggested)} gợi ý); "
            f"lĩnh vực đúng {_share(r.subject_right, r.subject_suggested)}; "
            f"cơ quan có thẩm quyền đúng {_share(r.body_right, r.body_suggested)}."
        )
