from django.core.management.base import BaseCommand

from danvan.petitions.models import RoutingRule
from danvan.petitions.routing import load_defaults


class Command(BaseCommand):
    help = (
        "Nạp bảng định tuyến đơn mặc định (cơ quan có thẩm quyền theo loại đơn, lĩnh vực, cấp nhận đơn, kèm căn "
        "cứ pháp lý). Chỉ thêm các quy tắc còn thiếu; quy tắc quản trị viên đã sửa hoặc ngừng áp dụng được giữ nguyên."
    )

    def handle(self, *args: object, **options: object) -> None:
        created = load_defaults()
        total = RoutingRule.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"Đã thêm {created} quy tắc định tuyến mặc định; bảng có {total} quy tắc.")
        )
