"""``danvan personal_data_export --id-number … | --phone … | --email … --reason …``: everything held about
one person (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15), as text, or as JSON with ``--json``; logged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.petitions import personal_data


class Command(BaseCommand):
    help = (
        "Trích xuất toàn bộ dữ liệu cá nhân đang lưu về một người (tìm đúng theo số định danh, điện thoại hoặc "
        "thư điện tử, không theo họ tên), kèm tình trạng vụ việc và thời hạn lưu trữ; ghi nhật ký truy cập."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--id-number", default="", help="số định danh cá nhân (CCCD), CMND hoặc hộ chiếu")
        parser.add_argument("--phone", default="", help="số điện thoại")
        parser.add_argument("--email", default="", help="thư điện tử")
        parser.add_argument("--reason", required=True, help="lý do (bắt buộc): yêu cầu của ai, ngày nào, số phiếu")
        parser.add_argument("--json", type=Path, help="ghi bản JSON vào tệp này (“-”: in ra màn hình)")
        parser.add_argument("--user", default="", help="thực hiện với quyền của tài khoản này (mặc định: hệ thống)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            actor = personal_data.command_actor("personal_data_export", options["user"])
            result = personal_data.personal_data_export(
                actor, reason=options["reason"], id_number=options["id_number"], phone=options["phone"],
                email=options["email"],
            )  # fmt: skip
        except ValidationError as exc:
            raise CommandError("\n".join(personal_data.error_lines(exc))) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        target = options["json"]
        if target is not None and str(target) == "-":
            self.stdout.write(result.as_json())
            return
        if target is not None:
            target.write_text(result.as_json() + "\n", encoding="utf-8")
        else:
            self.stdout.write(result.as_text())
        where = f" vào {target}" if target is not None else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã trích xuất {len(result.letters)} đơn thư{where}; đã ghi nhật ký truy cập dữ liệu cá nhân."
            )
        )
