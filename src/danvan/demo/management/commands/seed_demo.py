from django.core.management.base import BaseCommand

from danvan.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (tỉnh Bắc Kạn trước 1/7/2025 và tỉnh Thái Nguyên sau sáp nhập) và tài khoản mẫu."

    def handle(self, *args: object, **options: object) -> None:
        accounts = seed_demo()
        self.stdout.write(self.style.SUCCESS("Dữ liệu mẫu đã sẵn sàng. Tài khoản mẫu:"))
        for account, password in accounts:
            self.stdout.write(f"  {account.username:<18} mật khẩu: {password:<18} {account.persona}")
