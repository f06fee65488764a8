from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.accounts import services
from danvan.accounts.access import SystemActor
from danvan.accounts.models import User


class Command(BaseCommand):
    help = (
        "Đặt lại xác thực hai lớp của một tài khoản (mất điện thoại và mã khôi phục): xoá ứng dụng xác thực và "
        "mã khôi phục; vai trò bắt buộc sẽ thiết lập lại ở lần đăng nhập sau."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: object, **options: str) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{options['username']}”.")
        removed = services.reset_two_factor(actor=SystemActor("đặt lại xác thực hai lớp"), user=user)
        self.stdout.write(f"Đã đặt lại xác thực hai lớp của {user.username} ({removed} thiết bị).")
