from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from danvan.petitions.reminders import send_reminders
from danvan.petitions.tasks import daily_reminders


class Command(BaseCommand):
    help = "Nhắc hạn vụ việc sắp đến hạn, quá hạn (chạy hằng ngày). Mặc định đưa vào hàng đợi tác vụ; --now chạy ngay."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Chạy ngay, không qua hàng đợi.")

    def handle(self, *args: object, **options: object) -> None:
        if options["now"]:
            result = send_reminders(timezone.localdate())
            self.stdout.write(
                f"Đã nhắc {result.cases} vụ việc: {result.notifications} thông báo, {result.emails} thư điện tử."
            )
            return
        enqueued = daily_reminders.enqueue()
        self.stdout.write(f"Đã đưa tác vụ nhắc hạn vào hàng đợi ({enqueued.id}).")
