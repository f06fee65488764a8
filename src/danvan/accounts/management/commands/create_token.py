from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.accounts import services
from danvan.accounts.models import User


class Command(BaseCommand):
    help = "Tạo mã truy cập API cho một tài khoản; mã là từ cuối cùng của kết quả."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="tên gợi nhớ của mã")

    def handle(self, *args: object, **options: str) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Không có tài khoản đang hoạt động “{options['username']}”.")
        _, raw = services.create_token(user=user, name=options["name"])
        self.stdout.write(f"Mã truy cập API của {user.username}: {raw}")
