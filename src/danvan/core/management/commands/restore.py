"""``danvan restore PATH [--yes]``: put back a backup of ``danvan backup`` and check it against its manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core import backup
from danvan.core.text import format_number


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và các tệp đã tải lên từ một bản sao lưu của `danvan backup`: kiểm tra toàn bộ "
        "tệp sao lưu trước khi thay đổi gì, sau khi khôi phục đối chiếu số dòng và mã kiểm tra của mọi bảng, mọi tệp."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="tệp sao lưu (.tar.gz)")
        parser.add_argument(
            "--yes", action="store_true", help="đồng ý thay dữ liệu hiện có (bắt buộc khi cơ sở dữ liệu có dữ liệu)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup.restore_backup(options["path"], confirmed=options["yes"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        n = format_number
        self.stdout.write(
            f"Đã khôi phục {n(result.tables)} bảng, {n(result.rows)} dòng, {n(result.files)} tệp "
            f"từ {options['path']} ({n(result.seconds, 1)} giây)."
        )
        if result.displaced:
            self.stdout.write(
                f"{n(result.displaced)} tệp không có trong bản sao lưu đã được chuyển sang {result.displaced_to}."
            )
        if result.unknown_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"Bản sao lưu có {n(len(result.unknown_migrations))} migration mà phiên bản DanVan này không có "
                    f"({', '.join(result.unknown_migrations[:5])}): nó được tạo bởi một phiên bản mới hơn."
                )
            )
        if result.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"Cơ sở dữ liệu còn {n(result.pending_migrations)} migration chưa áp dụng: chạy `danvan migrate`."
                )
            )
        if result.problems:
            raise CommandError(
                "Đã khôi phục nhưng kết quả không khớp với bản sao lưu: " + "; ".join(result.problems[:10])
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã kiểm tra: số dòng và mã kiểm tra của {n(result.tables)} bảng, mã kiểm tra của "
                f"{n(result.files)} tệp khớp với bản sao lưu."
            )
        )
