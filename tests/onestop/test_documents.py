"""The one-stop slips as PDF: the appointment slip with its fields and QR code, the apology, the control
slip, the refusal and the supplement request; scope and unknown kinds."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from danvan.onestop import documents, services
from danvan.onestop.models import Dossier

pytestmark = pytest.mark.django_db

BASE = "http://testserver/"


def at(*args: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))  # noqa: DTZ001


def receive(desk, **kw) -> Dossier:
    with services.business_time(at(2026, 3, 2, 9, 5)):
        return services.receive_dossier(
            actor=desk.clerk, service_point=desk.point, procedure=desk.birth, applicant_name="Hoàng Văn Thắng",
            applicant_phone="0912 345 678", applicant_address="Tổ 5, phường Đức Xuân",
            applicant_email="thang@example.vn", applicant_id_number="019085001234", owner_name="Hoàng Minh Khôi",
            fee_method="Tiền mặt", **kw,
        )  # fmt: skip


def _layout_text(html: str) -> str:
    """The text WeasyPrint laid out on the pages (the boxes the PDF is drawn from)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).render()
    parts: list[str] = []

    def walk(box: object) -> None:
        text = getattr(box, "text", None)
        if isinstance(text, str):
            parts.append(text)
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(" ".join(parts).split())


def slip_text(kind: str, dossier: Dossier, tmp_path: Path) -> tuple[bytes, str]:
    """The slip as PDF and its text as poppler reads it from the PDF (CI installs poppler-utils); without
    poppler, the text WeasyPrint laid out on the pages of the same HTML."""
    pdf = documents.render_slip(kind, dossier, base_url=BASE)
    assert pdf.startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)  # noqa: S603, S607
        return pdf, " ".join(done.stdout.decode().split())
    return pdf, _layout_text(documents.slip_html(kind, dossier, base_url=BASE))


def test_qr_payload_is_the_status_page_with_code_and_token(desk) -> None:
    dossier = receive(desk)
    payload = documents.qr_payload("https://dvc.example.vn/", dossier)
    assert payload == f"https://dvc.example.vn/mot-cua/tra-cuu/?ma={dossier.code}&t={dossier.rating_token}"
    assert documents.status_url("https://dvc.example.vn", dossier, with_token=False) == (
        f"https://dvc.example.vn/mot-cua/tra-cuu/?ma={dossier.code}"
    )


def test_qr_png_is_the_qrcode_rendering_of_the_payload() -> None:
    import qrcode

    payload = "https://dvc.example.vn/mot-cua/tra-cuu/?ma=01840-261201-0007&t=abc"
    png = Image.open(io.BytesIO(documents.qr_png(payload)))
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()  # the modules, quiet zone included
    assert png.size == (len(matrix) * 8, len(matrix) * 8)
    grey = png.convert("L")
    for row, line in enumerate(matrix):
        for col, dark in enumerate(line):
            assert (grey.getpixel((col * 8 + 4, row * 8 + 4)) < 128) == dark
    other = documents.qr_png(payload + "x")
    assert other != documents.qr_png(payload)


def test_appointment_slip_pdf(desk, tmp_path) -> None:
    dossier = receive(desk)
    pdf, text = slip_text("appointment", dossier, tmp_path)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN XÃ A",
        "TRUNG TÂM PVHCC XÃ A",
        "A, ngày 02 tháng 3 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {dossier.code}",
        "Hoàng Văn Thắng",
        "019085001234",
        "0912345678",
        "thang@example.vn",
        "Tổ 5, phường Đức Xuân",
        "Đăng ký khai sinh",
        "Hoàng Minh Khôi",
        "Hình thức thu phí: Tiền mặt",
        "Tờ khai đăng ký khai sinh",
        "Giấy chứng sinh",
        "Số lượng hồ sơ: 1 (bộ)",
        "Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc",
        "09 giờ 05 phút, ngày 2/3/2026",
        # 3 working days from Monday 2/3 09:05, the day of receipt not counted: Thursday 5/3 at the close.
        "Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 5/3/2026",
        "Nơi trả kết quả: Trung tâm PVHCC xã A",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        desk.clerk.get_full_name(),
    ):
        assert expected in text, expected
    # The QR code: one image, and it is the qrcode library's rendering of exactly the status page's address.
    assert pdf.count(b"/Subtype /Image") == 1
    expected_png = Image.open(io.BytesIO(documents.qr_png(documents.qr_payload(BASE, dossier))))
    if shutil.which("pdfimages"):
        (tmp_path / "a.pdf").write_bytes(pdf)
        subprocess.run(["pdfimages", "-png", str(tmp_path / "a.pdf"), str(tmp_path / "img")], check=True)  # noqa: S603, S607
        (image,) = (Image.open(p) for p in tmp_path.glob("img-*.png"))
        assert image.size == expected_png.size
        assert image.convert("L").tobytes() == expected_png.convert("L").tobytes()
    assert dossier.rating_token not in text  # printed only inside the QR code, not as text


def test_appointment_html_embeds_the_qr_of_the_payload(desk) -> None:
    dossier = receive(desk)
    html = documents.slip_html("appointment", dossier, base_url=BASE)
    assert documents.qr_data_uri(documents.qr_payload(BASE, dossier)) in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html


def test_apology_and_control_slips(desk, personas, tmp_path) -> None:
    dossier = receive(desk)
    with pytest.raises(Http404, match="không có phiếu xin lỗi"):
        documents.render_slip("apology", dossier, base_url=BASE)
    with services.business_time(at(2026, 3, 2, 10, 0)):
        services.act(actor=desk.clerk, dossier=dossier, action="hand_over", department="Công chức Tư pháp - Hộ tịch",
                     handler=personas.officer_a.username, note="Kiểm tra bản gốc giấy chứng sinh")  # fmt: skip
    with services.business_time(at(2026, 3, 3, 9, 0)):
        services.act(actor=personas.officer_a, dossier=dossier, action="apologise",
                     reason="Cần xác minh nơi sinh với bệnh viện", new_due=datetime.date(2026, 3, 10))  # fmt: skip
    _pdf, apology = slip_text("apology", dossier, tmp_path)
    for expected in ("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "A, ngày 03 tháng 3 năm 2026",
                     "Cần xác minh nơi sinh với bệnh viện", "17 giờ 00 phút, ngày 10/3/2026", "ngày 5/3/2026",
                     "Hoàng Văn Thắng", "xin lỗi Ông/Bà"):  # fmt: skip
        assert expected in apology, expected
    _pdf, control = slip_text("control", dossier, tmp_path)
    for expected in ("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Bộ phận tiếp nhận và trả kết quả",
                     "Công chức Tư pháp - Hộ tịch", "Kiểm tra bản gốc giấy chứng sinh",
                     "10 giờ 00 phút, ngày 2/3/2026"):  # fmt: skip
        assert expected in control, expected


def test_refusal_and_supplement_slips(desk, tmp_path) -> None:
    online = services.submit_online(service_point=desk.point, procedure=desk.birth, applicant_name="Lý Thị Mai")
    with pytest.raises(Http404, match="chưa được tiếp nhận"):
        documents.render_slip("appointment", online, base_url=BASE)
    services.act(actor=desk.clerk, dossier=online, action="ask_supplement_at_reception",
                 reason="Bổ sung bản chụp giấy chứng sinh rõ nét")  # fmt: skip
    _pdf, supplement = slip_text("supplement", online, tmp_path)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in supplement
    assert "Bổ sung bản chụp giấy chứng sinh rõ nét" in supplement
    with pytest.raises(Http404, match="không bị từ chối"):
        documents.render_slip("refusal", online, base_url=BASE)
    services.act(actor=desk.clerk, dossier=online, action="refuse", reason="Đã đăng ký khai sinh tại nơi khác")
    _pdf, refusal = slip_text("refusal", online, tmp_path)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in refusal
    assert "Đã đăng ký khai sinh tại nơi khác" in refusal


def test_supplement_slip_leaves_out_the_clock_note(desk, personas) -> None:
    dossier = receive(desk)
    services.act(actor=desk.clerk, dossier=dossier, action="hand_over", department="Tư pháp")
    services.act(actor=desk.clerk, dossier=dossier, action="ask_supplement", reason="Thiếu bản sao sổ hộ khẩu")
    html = documents.slip_html("supplement", dossier, base_url=BASE)
    assert "Thiếu bản sao sổ hộ khẩu" in html
    assert "tạm dừng tính hạn" not in html


def test_slip_view_pdf_scope_and_kinds(desk, personas) -> None:
    dossier = receive(desk)
    url = reverse("onestop_slip", args=[dossier.pk, "appointment"])
    client = Client()
    client.force_login(desk.clerk)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="giay-tiep-nhan-{dossier.code}.pdf"'
    assert response.content.startswith(b"%PDF")
    assert client.get(reverse("onestop_slip", args=[dossier.pk, "apology"])).status_code == 404  # none issued
    assert client.get(reverse("onestop_slip", args=[dossier.pk, "bogus"])).status_code == 404
    other = Client()
    other.force_login(personas.officer_b)  # an officer of another commune
    assert other.get(url).status_code == 404
    assert Client().get(url).status_code == 302  # signed out: to the sign-in page
