from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from danvan.core.text import format_number
from danvan.petitions import duplicates


class Command(BaseCommand):
    help = (
        "Dựng lại chỉ mục tìm đơn trùng từ mọi đơn, thư đã vào sổ và ghi vào thư mục dữ liệu "
        "(các tiến trình nạp lại chỉ mục này khi khởi động)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        index = duplicates.rebuild(progress=lambda done, total: self.stderr.write(f"\r{done}/{total} đơn", ending=""))
        self.stderr.write("")
        seconds = format_number(time.perf_counter() - started, 1)
        self.stdout.write(
            f"Đã dựng chỉ mục {format_number(len(index))} đơn, thư trong {seconds} giây: {duplicates.snapshot_dir()}"
        )
