from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.actors import SystemActor
from danvan.core.imports import ImportRejected
from danvan.units.imports import COLUMNS, import_hamlets


class Command(BaseCommand):
    help = "Nhập thôn, xóm, bản, tổ dân phố từ tệp Excel (.xlsx). Cột: " + ", ".join(COLUMNS.values())

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        with path.open("rb") as stream:
            try:
                created = import_hamlets(actor=SystemActor("dòng lệnh import_units"), stream=stream)
            except ImportRejected as exc:
                raise CommandError("Tệp bị từ chối, không có dòng nào được nhập:\n" + str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Đã nhập {len(created)} thôn, tổ dân phố."))
