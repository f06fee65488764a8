"""``danvan import_procedures FILE --province CODE``: the catalogue a province publishes, through the service."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.actors import SystemActor
from danvan.core.imports import ImportRejected
from danvan.core.text import format_number
from danvan.onestop.imports import CATALOGUE_COLUMNS, import_catalogue, read_catalogue
from danvan.units.selectors import UnitCodeNotFound, unit_by_code


class Command(BaseCommand):
    help = "Nhập danh mục thủ tục hành chính của tỉnh từ tệp Excel (.xlsx) hoặc CSV. Cột: " + ", ".join(
        c.label for c in CATALOGUE_COLUMNS
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--province", required=True, help="Mã tỉnh, thành phố (ví dụ 19).")
        parser.add_argument("--check", action="store_true", help="Chỉ kiểm tra và xem trước, không ghi.")

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        code = str(options["province"]).strip()
        try:
            province = unit_by_code(code.zfill(2) if code.isdigit() else code)
        except UnitCodeNotFound as exc:
            raise CommandError(f"Không có tỉnh, thành phố mã “{code}” hiện hành.") from exc
        if province.depth != 1:
            raise CommandError(f"“{province.name}” không phải tỉnh, thành phố.")
        operator = SystemActor("dòng lệnh import_procedures")
        with path.open("rb") as stream:
            try:
                if options["check"]:
                    preview = read_catalogue(stream, operator, province)
                    self.stdout.write(self.style.SUCCESS(
                        f"Hợp lệ: {format_number(preview.count)} thủ tục ({format_number(preview.created)} mới, "
                        f"{format_number(preview.updated)} cập nhật), chưa ghi."
                    ))  # fmt: skip
                    return
                created, updated = import_catalogue(actor=operator, province=province, stream=stream)
            except ImportRejected as exc:
                raise CommandError("Tệp bị từ chối, không có dòng nào được nhập:\n" + str(exc)) from exc
        done = f"{format_number(created)} thủ tục mới, {format_number(updated)} cập nhật"
        self.stdout.write(self.style.SUCCESS(f"Đã nhập danh mục {province.name}: {done}."))
