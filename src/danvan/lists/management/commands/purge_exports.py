from django.core.management.base import BaseCommand

from danvan.lists.exports import purge_expired


class Command(BaseCommand):
    help = "Xoá các lượt xuất Excel chạy nền quá một ngày và tệp của chúng (mỗi lượt xuất mới cũng tự xoá)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Đã xoá {purge_expired()} lượt xuất Excel cũ.")
