from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.accounts.access import SystemActor
from danvan.core.imports import ImportRejected
from danvan.core.text import format_number
from danvan.initiatives.imports import COLUMNS, import_initiatives, read_rows


class Command(BaseCommand):
    help = "Nhập danh sách đăng ký mô hình “Dân vận khéo” từ tệp Excel (.xlsx). Cột: " + ", ".join(COLUMNS.values())

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--check", action="store_true", help="Chỉ kiểm tra và xem trước, không ghi.")

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        operator = SystemActor("dòng lệnh import_initiatives")
        with path.open("rb") as stream:
            try:
                if options["check"]:
                    preview = read_rows(stream, operator)
                    for name, n in preview.by_unit():
                        self.stdout.write(f"  {name}: {format_number(n)}")
                    self.stdout.write(self.style.SUCCESS(f"Hợp lệ: {format_number(preview.count)} mô hình (chưa ghi)."))
                    return
                created = import_initiatives(actor=operator, stream=stream)
            except ImportRejected as exc:
                raise CommandError("Tệp bị từ chối, không có dòng nào được nhập:\n" + str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Đã nhập và đăng ký {format_number(len(created))} mô hình."))
