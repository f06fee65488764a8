"""``danvan stats_keys [--check]``: verify or repair the province key of every counted record."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from danvan.core.text import format_number
from danvan.stats import keys


class Command(BaseCommand):
    help = (
        "Kiểm tra (--check) hoặc sửa khóa tỉnh của các bản ghi được thống kê: phần đầu đường dẫn của đơn vị "
        "mà bản ghi thuộc về. Cần sau khi nạp thẳng dữ liệu vào bảng hoặc khôi phục từ hệ thống khác."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="chỉ kiểm tra; lỗi nếu có khóa sai")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            wrong = keys.drift()
            if wrong:
                listed = "; ".join(f"{label}: {format_number(n)}" for label, n in wrong.items())
                raise CommandError(f"Có bản ghi mang khóa tỉnh sai ({listed}). Chạy “danvan stats_keys” để sửa.")
            self.stdout.write(self.style.SUCCESS("Khóa tỉnh của mọi bản ghi được thống kê đều đúng."))
            return
        with transaction.atomic():
            fixed = keys.repair()
        total = sum(fixed.values())
        detail = f" ({'; '.join(f'{label}: {format_number(n)}' for label, n in fixed.items())})" if fixed else ""
        self.stdout.write(self.style.SUCCESS(f"Đã sửa khóa tỉnh của {format_number(total)} bản ghi{detail}."))
