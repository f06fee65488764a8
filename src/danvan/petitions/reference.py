"""The reference lists reception and petitions start with; administrators edit them afterwards.

Installed by the migrations; ``install`` only creates what is missing, so an administrator's edits stay.
"""

from __future__ import annotations

from typing import Any

#: The fields the seeds' reports count letters by.
SUBJECTS = [
    "Đất đai",
    "Giải phóng mặt bằng, bồi thường, hỗ trợ, tái định cư",
    "Chế độ, chính sách",
    "Môi trường",
    "Tư pháp",
    "Tham nhũng, tiêu cực",
    "Quy hoạch, xây dựng, di dời chợ",
    "Khác",
]

TEMPLATES = [
    (
        "de_xuat_thu_ly",
        "Phiếu đề xuất thụ lý đơn\nVụ việc số {so_vu_viec}",
        "PĐX",
        "Ngày {ngay_nhan}, {co_quan} nhận được đơn {loai_don} của {nguoi_gui}, địa chỉ {dia_chi}.\n\n"
        "Nội dung đơn: {noi_dung}\n\n"
        "Qua xem xét, đơn đủ điều kiện xử lý và thuộc thẩm quyền giải quyết. Đề xuất thụ lý giải quyết "
        "theo quy định (Thông tư 05/2021/TT-TTCP, Mẫu 01).",
    ),
    (
        "thong_bao_thu_ly",
        "Thông báo\nVề việc thụ lý giải quyết đơn {loai_don}",
        "TB",
        "Ngày {ngay_nhan}, {co_quan} nhận được đơn {loai_don} của {nguoi_gui}.\n\n"
        "Nội dung: {noi_dung}\n\n"
        "Đơn đủ điều kiện thụ lý. {co_quan} thông báo đã thụ lý giải quyết từ ngày {ngay_thu_ly}; "
        "thời hạn giải quyết đến ngày {han_giai_quyet} ({can_cu_thoi_han})",
    ),
    (
        "huong_dan",
        "Phiếu hướng dẫn\nVề việc gửi đơn đến cơ quan có thẩm quyền",
        "PHD",
        "Ngày {ngay_nhan}, {co_quan} nhận được đơn {loai_don} của {nguoi_gui}, địa chỉ {dia_chi}.\n\n"
        "Nội dung: {noi_dung}\n\n"
        "Nội dung đơn không thuộc thẩm quyền giải quyết của {co_quan}. Đề nghị ông (bà) gửi đơn đến "
        "{co_quan_tham_quyen} để được xem xét, giải quyết theo quy định. Việc hướng dẫn chỉ thực hiện một lần.",
    ),
    (
        "chuyen_don",
        "Phiếu chuyển đơn\nVụ việc số {so_vu_viec}",
        "PC",
        "Ngày {ngay_nhan}, {co_quan} nhận được đơn {loai_don} của {nguoi_gui}.\n\n"
        "Nội dung: {noi_dung}\n\n"
        "Căn cứ quy định của pháp luật, {co_quan} chuyển đơn đến {co_quan_tham_quyen} để xem xét, giải quyết "
        "theo thẩm quyền (Thông tư 05/2021/TT-TTCP, Mẫu 03).",
    ),
]


def install_subjects(subject_model: Any) -> None:
    for order, name in enumerate(SUBJECTS, start=1):
        subject_model.objects.get_or_create(name=name, defaults={"order": order})


def install_templates(template_model: Any) -> None:
    for kind, title, abbreviation, body in TEMPLATES:
        template_model.objects.get_or_create(
            kind=kind, defaults={"title": title, "abbreviation": abbreviation, "body": body}
        )
