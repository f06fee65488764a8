from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from danvan.workflow import inbox
from danvan.workflow.tasks import daily_reminders, summary


class Command(BaseCommand):
    help = (
        "Nhắc hạn mọi việc sắp đến hạn, quá hạn — vụ việc, hồ sơ, cam kết, kiến nghị… (chạy hằng ngày). "
        "Mặc định đưa vào hàng đợi tác vụ; --now chạy ngay."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Chạy ngay, không qua hàng đợi.")

    def handle(self, *args: object, **options: object) -> None:
        if options["now"]:
            self.stdout.write(summary(inbox.send_reminders(timezone.localdate())))
            return
        enqueued = daily_reminders.enqueue()
        self.stdout.write(f"Đã đưa tác vụ nhắc hạn vào hàng đợi ({enqueued.id}).")
