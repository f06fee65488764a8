from django.core.management.base import BaseCommand

from danvan.core.selectors import current_calendar
from danvan.petitions.services import recompute_open_cases


class Command(BaseCommand):
    help = "Tính lại hạn của mọi vụ việc đang xử lý (sau khi nâng cấp làm thay đổi quy định thời hạn)."

    def handle(self, *args: object, **options: object) -> None:
        changed = recompute_open_cases(current_calendar())
        self.stdout.write(f"Đã tính lại; {changed} vụ việc đổi hạn.")
