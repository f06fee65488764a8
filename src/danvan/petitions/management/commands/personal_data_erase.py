"""``danvan personal_data_erase --id-number … | --phone … | --email … --reason …``: anonymise one person's
letters where the law allows (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15; the archive duty refuses an open
case or a file within its keeping period, with the reason); every count stays the same; logged."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.petitions import personal_data


class Command(BaseCommand):
    help = (
        "Ẩn danh dữ liệu cá nhân của một người trong đơn thư (họ tên thành “Đã ẩn danh”, xóa số định danh, "
        "điện thoại, thư điện tử, địa chỉ; giữ nội dung và số liệu thống kê). Từ chối khi còn vụ việc đang "
        "giải quyết hoặc hồ sơ chưa hết thời hạn lưu trữ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--id-number", default="", help="số định danh cá nhân (CCCD), CMND hoặc hộ chiếu")
        parser.add_argument("--phone", default="", help="số điện thoại")
        parser.add_argument("--email", default="", help="thư điện tử")
        parser.add_argument("--reason", required=True, help="lý do (bắt buộc): yêu cầu của ai, ngày nào, số phiếu")
        parser.add_argument("--user", default="", help="thực hiện với quyền của tài khoản này (mặc định: hệ thống)")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="không hỏi xác nhận"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interactive"]:
            answer = input("Ẩn danh không thể hoàn tác. Gõ “có” để tiếp tục: ")
            if answer.strip().lower() not in ("có", "co", "yes"):
                raise CommandError("Đã hủy: không ghi gì.")
        try:
            actor = personal_data.command_actor("personal_data_erase", options["user"])
            result = personal_data.personal_data_erase(
                actor, reason=options["reason"], id_number=options["id_number"], phone=options["phone"],
                email=options["email"],
            )  # fmt: skip
        except ValidationError as exc:
            lines = personal_data.error_lines(exc)
            raise CommandError("Không ẩn danh được, không ghi gì:\n" + "\n".join(f"- {x}" for x in lines)) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(result.summary()))
