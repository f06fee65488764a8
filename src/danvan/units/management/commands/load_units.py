import time

from django.core.management.base import BaseCommand

from danvan.core.text import format_number
from danvan.units.loader import load_national_units


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính quốc gia (hiện hành và trước 1/7/2025) từ gói vietnam-provinces."

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        result = load_national_units()
        elapsed = time.perf_counter() - started
        n = format_number
        self.stdout.write(f"Danh mục vietnam-provinces {result.package_version}:")
        self.stdout.write(
            f"  Hiện hành (từ 01/07/2025): {n(result.provinces_today)} tỉnh, thành phố; "
            f"{n(result.communes_today)} xã, phường, đặc khu"
        )
        self.stdout.write(
            f"  Trước 01/07/2025: {n(result.provinces_before)} tỉnh, thành phố; "
            f"{n(result.districts_before)} huyện, quận, thị xã, thành phố; "
            f"{n(result.communes_before)} xã, phường, thị trấn"
        )
        self.stdout.write(f"  Quan hệ kế thừa: {n(result.lineage_links)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã thêm {n(result.created)}, cập nhật {n(result.updated)} đơn vị trong {n(elapsed, 1)} giây."
            )
        )
