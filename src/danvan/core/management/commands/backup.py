"""``danvan backup [--output PATH]``: the database, the uploaded files and a manifest in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core import backup
from danvan.core.text import format_number


def format_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{format_number(size / 1024, 1)} KB"
    return f"{format_number(size / (1024 * 1024), 1)} MB"


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (SQLite: bản sao trực tuyến; PostgreSQL: pg_dump), các tệp đã tải lên và "
        "bảng kê kiểm tra vào một tệp .tar.gz (mặc định trong thư mục backups của thư mục dữ liệu)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", "-o", type=Path, help="tệp sao lưu cần ghi (mặc định: DATA_DIR/backups/danvan-backup-….tar.gz)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup.create_backup(options["output"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        n = format_number
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu {n(result.tables)} bảng, {n(result.rows)} dòng, {n(result.files)} tệp vào "
                f"{result.path} ({format_size(result.size)}, {n(result.seconds, 1)} giây)."
            )
        )
