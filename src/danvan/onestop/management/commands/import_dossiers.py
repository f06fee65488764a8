"""``danvan import_dossiers FILE --unit CODE [--point NAME] [--map "Header=target" ...]``: another one-stop
system's dossier history, every row or none."""

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.actors import SystemActor
from danvan.core.imports import ImportRejected
from danvan.core.text import fold, format_number
from danvan.onestop.imports import HISTORY_COLUMNS, import_dossiers, inspect_history, read_history
from danvan.onestop.models import ServicePoint
from danvan.units.selectors import UnitCodeNotFound, unit_by_code


class Command(BaseCommand):
    help = (
        "Nhập lịch sử hồ sơ từ hệ thống một cửa khác (CSV hoặc Excel). Cột của tệp được ghép theo tên (gợi ý "
        "tự động) hoặc theo --map “Tên cột trong tệp=cột”; cột: "
        + ", ".join(f"{c.key} ({c.label})" for c in HISTORY_COLUMNS)
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--unit", required=True, help="Mã xã, phường (hoặc tỉnh) nhận hồ sơ.")
        parser.add_argument("--point", default="", help="Tên nơi tiếp nhận mặc định (mặc định: nơi đầu tiên).")
        parser.add_argument("--map", action="append", default=[], metavar="CỘT=ĐÍCH",
                            help="Ghép một cột của tệp với một cột (mã hoặc tên); “CỘT=” để bỏ qua.")  # fmt: skip
        parser.add_argument("--check", action="store_true", help="Chỉ kiểm tra và xem trước, không ghi.")

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        code = str(options["unit"]).strip()
        try:
            unit = unit_by_code(code.zfill(5) if code.isdigit() and len(code) > 2 else code)
        except UnitCodeNotFound as exc:
            raise CommandError(f"Không có đơn vị mã “{code}” hiện hành.") from exc
        points = list(ServicePoint.objects.filter(unit=unit).order_by("name"))
        wanted = str(options["point"] or "")
        point = next((p for p in points if fold(p.name) == fold(wanted)), None) if wanted else next(iter(points), None)
        if point is None:
            names = "; ".join(p.name for p in points) or "chưa có"
            raise CommandError(f"Không có nơi tiếp nhận “{wanted}” của {unit.name} (các nơi: {names}).")
        operator = SystemActor("dòng lệnh import_dossiers")
        started = time.perf_counter()
        try:
            with path.open("rb") as stream:
                mapping = dict(inspect_history(stream, operator, unit, point).suggested)
            for item in options["map"]:  # type: ignore[attr-defined]
                header, sep, target = str(item).partition("=")
                if not sep:
                    raise CommandError(f"--map “{item}”: cần dạng “Tên cột trong tệp=cột”.")
                mapping[header.strip()] = target.strip()
            with path.open("rb") as stream:
                if options["check"]:
                    preview = read_history(stream, operator, unit, point, mapping)
                    o = preview.outcome
                    n = format_number
                    self.stdout.write(
                        f"Tiếp nhận {n(o.received)}; đã giải quyết {n(o.finished)} (trước hạn {n(o.early)}, đúng hạn "
                        f"{n(o.on_time)}, quá hạn {n(o.late)}); đã trả {n(o.returned)}; đang giải quyết "
                        f"{n(o.in_progress)}; rút {n(o.withdrawn)}, từ chối {n(o.refused)}, dừng {n(o.stopped)}."
                    )
                    self.stdout.write(self.style.SUCCESS(f"Hợp lệ: {format_number(preview.count)} hồ sơ (chưa ghi)."))
                    return
                created = import_dossiers(actor=operator, unit=unit, point=point, stream=stream, mapping=mapping)
        except ImportRejected as exc:
            raise CommandError("Tệp bị từ chối, không có hồ sơ nào được nhập:\n" + str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        seconds = format_number(time.perf_counter() - started, 1)
        self.stdout.write(
            self.style.SUCCESS(f"Đã nhập {format_number(len(created))} hồ sơ vào {unit.name} ({seconds} giây).")
        )
