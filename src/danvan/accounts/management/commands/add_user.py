import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from danvan.accounts import services
from danvan.accounts.access import SystemActor
from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.units.selectors import UnitCodeNotFound, unit_by_code


class Command(BaseCommand):
    help = "Tạo tài khoản (hoặc thêm vai trò cho tài khoản đã có) tại một đơn vị theo mã đơn vị."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--unit", help="mã đơn vị hành chính (tỉnh 2 số, xã 5 số); không cần với --role admin")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--password", help="mật khẩu; bỏ trống để sinh ngẫu nhiên")
        parser.add_argument("--full-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--as-of", help="ngày áp dụng cho mã đơn vị (YYYY-MM-DD); mặc định hôm nay")

    @transaction.atomic
    def handle(self, *args: object, **options: str) -> None:
        as_of = datetime.date.fromisoformat(options["as_of"]) if options["as_of"] else None
        unit = None
        if options["unit"]:
            try:
                unit = unit_by_code(options["unit"], as_of=as_of)
            except UnitCodeNotFound as exc:
                raise CommandError(str(exc)) from exc
        elif options["role"] != Role.ADMIN:
            raise CommandError("Cần --unit MÃ cho vai trò này.")
        try:
            user = User.objects.filter(username=options["username"]).first()
            password = None
            if user is None:
                user, password = services.create_user(
                    actor=SystemActor("dòng lệnh add_user"),
                    username=options["username"],
                    password=options["password"],
                    full_name=options["full_name"],
                    email=options["email"],
                )
            elif options["password"]:
                raise CommandError(f"Tài khoản {user.username} đã có; không đổi mật khẩu bằng lệnh này.")
            services.assign_role(actor=SystemActor("dòng lệnh add_user"), user=user, role=options["role"], unit=unit)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        where = f" tại {unit.name} ({unit.code})" if unit else ""
        self.stdout.write(f"Tài khoản {user.username}: {Role(options['role']).label}{where}.")
        if password:
            self.stdout.write(f"Mật khẩu: {password}")
