"""The citizens' one-stop pages: the status page (public steps only), rating online and at the kiosk with
the dossier's token, and what is refused (a wrong token, a second rating, a level outside the scale)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.core.actors import SystemActor
from danvan.onestop import rules, services
from danvan.onestop.models import Dossier, Rating

pytestmark = pytest.mark.django_db

NOTE = "Ghi chú nội bộ: gọi chị Hoa kiểm tra lại giấy chứng sinh"


def receive(desk, **kw) -> Dossier:
    return services.receive_dossier(
        actor=desk.clerk, service_point=desk.point, procedure=desk.birth, applicant_name="Hoàng Văn Thắng",
        applicant_phone="0912 345 678", applicant_address="Tổ 5, phường Đức Xuân", applicant_id_number="019085001234",
        received_at=timezone.now() - datetime.timedelta(minutes=5), **kw,
    )  # fmt: skip


def returned(desk, personas) -> Dossier:
    dossier = receive(desk)
    services.act(actor=desk.clerk, dossier=dossier, action="hand_over", department="Công chức Tư pháp - Hộ tịch",
                 handler=personas.officer_a.username, note=NOTE)  # fmt: skip
    services.act(actor=personas.officer_a, dossier=dossier, action="result", note="Đã ký giấy khai sinh")
    services.act(actor=desk.clerk, dossier=dossier, action="return_result", method="desk")
    return dossier


def status(client: Client, code: str, token: str = "") -> str:
    query = {"ma": code} | ({"t": token} if token else {})
    response = client.get(reverse("onestop_public_status"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_status_page_shows_public_steps_only(client, desk, personas) -> None:
    dossier = returned(desk, personas)
    page = status(client, dossier.code.lower())  # typed in lower case: found all the same
    assert dossier.code in page
    assert "Đăng ký khai sinh" in page
    assert desk.point.name in page
    assert "Đã trả kết quả" in page
    for step in ("Tiếp nhận hồ sơ", "Đã có kết quả giải quyết"):
        assert step in page
    # Never the internal hand-over, its note, an officer's name, or the applicant's personal data.
    for secret in (NOTE, "Công chức Tư pháp - Hộ tịch", "Chuyển xử lý", "Đã ký giấy khai sinh",
                   personas.officer_a.get_full_name(), desk.clerk.get_full_name(), "Hoàng Văn Thắng",
                   "0912345678", "019085001234", "Tổ 5", dossier.rating_token):  # fmt: skip
        assert secret not in page, secret
    # Without the token: no rating form.
    assert 'name="level"' not in page


def test_unknown_code_is_a_friendly_message_on_the_same_page(client, desk) -> None:
    receive(desk)
    page = status(client, "90010-261130-9999")
    assert "Chưa tìm thấy hồ sơ với mã này" in page
    assert 'name="ma"' in page
    bad = client.get(reverse("onestop_public_status"), {"ma": "<script>"})
    assert bad.status_code == 200
    assert "Mã hồ sơ chỉ gồm chữ, số" in bad.content.decode()
    assert "<script>" not in bad.content.decode()
    form = client.get(reverse("onestop_public_status"))
    assert form.status_code == 200 and 'for="id_ma"' in form.content.decode()


def test_status_page_with_token_offers_the_online_rating(desk, personas) -> None:
    dossier = returned(desk, personas)
    client = Client(enforce_csrf_checks=True)
    page = status(client, dossier.code, dossier.rating_token)
    assert "Đánh giá mức độ hài lòng" in page
    assert f'action="{reverse("onestop_public_rate", args=[dossier.rating_token])}"' in page
    assert 'name="level"' in page and "Rất hài lòng" in page
    assert 'name="level"' not in status(client, dossier.code, "x" * 24)  # a wrong token: only the status
    # The form posts with the page's CSRF token (CSRF is on: without it, 403).
    url = reverse("onestop_public_rate", args=[dossier.rating_token])
    assert client.post(url, {"level": "5"}).status_code == 403
    csrf = client.cookies["csrftoken"].value
    response = client.post(url, {"level": "5", "comment": "Cán bộ hướng dẫn tận tình", "csrfmiddlewaretoken": csrf})
    assert response.status_code == 302 and response["Location"] == url
    rating = Rating.objects.get(dossier=dossier)
    assert (rating.channel, rating.level, rating.satisfied) == (rules.RatingChannel.ONLINE, 5, True)
    assert rating.comment == "Cán bộ hướng dẫn tận tình"
    dossier.refresh_from_db()
    assert dossier.status == rules.Status.RATED
    assert "Cảm ơn bạn đã đánh giá" in client.get(url).content.decode()
    assert "Bạn đã đánh giá hồ sơ này" in status(client, dossier.code, dossier.rating_token)


def test_online_rating_refusals_write_nothing(client, desk, personas) -> None:
    dossier = returned(desk, personas)
    url = reverse("onestop_public_rate", args=[dossier.rating_token])
    response = client.post(url, {"level": "6"})
    assert response.status_code == 400
    assert "Mức hài lòng phải từ 1 đến 5" in response.content.decode()  # the service's message
    assert 'class="error-summary"' in response.content.decode()
    response = client.post(url, {})
    assert response.status_code == 400 and "Chọn một mức hài lòng" in response.content.decode()
    assert not Rating.objects.exists()
    dossier.refresh_from_db()
    assert dossier.status == rules.Status.RETURNED
    assert client.post(url, {"level": "4"}).status_code == 302
    second = client.post(url, {"level": "1"})
    assert second.status_code == 400
    assert "Không thể “Đánh giá mức độ hài lòng” khi hồ sơ đang ở trạng thái “Đã đánh giá”" in second.content.decode()
    assert Rating.objects.get().level == 4


def test_wrong_token_is_404(client, desk, personas) -> None:
    dossier = returned(desk, personas)
    for name in ("onestop_public_rate", "onestop_kiosk"):
        assert client.get(reverse(name, args=["x" * 24])).status_code == 404
        assert client.post(reverse(name, args=["x" * 24]), {"level": "5"}).status_code == 404
        assert client.get(reverse(name, args=["short"])).status_code == 404
        assert client.get(reverse(name, args=[dossier.code])).status_code == 404
    assert not Rating.objects.exists()


def test_rating_before_the_result_is_returned_is_refused(client, desk) -> None:
    dossier = receive(desk)
    url = reverse("onestop_kiosk", args=[dossier.rating_token])
    assert "Hồ sơ chưa trả kết quả" in client.get(url).content.decode()
    response = client.post(url, {"level": "5"})
    assert response.status_code == 400
    assert "Không thể “Đánh giá mức độ hài lòng”" in response.content.decode()
    assert not Rating.objects.exists()


def test_kiosk_rating_then_thanks(client, desk, personas) -> None:
    dossier = returned(desk, personas)
    url = reverse("onestop_kiosk", args=[dossier.rating_token])
    page = client.get(url).content.decode()
    assert page.count('type="submit" name="level"') == 5  # one big button per level
    assert "Rất không hài lòng" in page and "kiosk.css" in page
    response = client.post(url, {"level": "2"})
    assert response.status_code == 302 and response["Location"] == reverse("onestop_kiosk_thanks")
    thanks = client.get(response["Location"]).content.decode()
    assert "Cảm ơn" in thanks and dossier.code not in thanks
    rating = Rating.objects.get(dossier=dossier)
    assert (rating.channel, rating.level, rating.satisfied) == (rules.RatingChannel.KIOSK, 2, False)
    again = client.post(url, {"level": "5"})
    assert again.status_code == 400 and "Đã đánh giá" in again.content.decode()
    bad = client.post(reverse("onestop_kiosk", args=[returned(desk, personas).rating_token]), {"level": "6"})
    assert bad.status_code == 400 and "Mức hài lòng phải từ 1 đến 5" in bad.content.decode()
    assert Rating.objects.count() == 1


def test_nine_index_scheme(client, desk, personas, tree) -> None:
    services.set_settings(actor=SystemActor("kiểm thử"), province=tree.province, rating_scheme="nine",
                          timeliness_rule="day")  # fmt: skip
    dossier = returned(desk, personas)
    url = reverse("onestop_kiosk", args=[dossier.rating_token])
    page = client.get(url).content.decode()
    assert page.count("<fieldset") == 9 and "Thái độ của cán bộ, công chức" in page
    answers = {f"i{n}": "2" for n in range(1, 10)}
    missing = client.post(url, {k: v for k, v in answers.items() if k != "i7"})
    assert missing.status_code == 400 and "Chọn một câu trả lời cho chỉ số 7" in missing.content.decode()
    outside = client.post(url, answers | {"i3": "3"})
    assert outside.status_code == 400 and "Chỉ số 3 phải là 0, 1 hoặc 2 điểm" in outside.content.decode()
    assert not Rating.objects.exists()
    assert client.post(url, answers | {"i9": "1"}).status_code == 302
    rating = Rating.objects.get()
    assert rating.indices == [2, 2, 2, 2, 2, 2, 2, 2, 1] and rating.level == 4 and rating.officer_points == 10


def test_lookups_are_rate_limited(client, desk) -> None:
    dossier = receive(desk)
    from danvan.onestop import public_views

    limit = int(public_views.LOOKUP_RATE.split("/")[0])
    for _ in range(limit):
        assert client.get(reverse("onestop_public_status"), {"ma": dossier.code}).status_code == 200
    response = client.get(reverse("onestop_public_status"), {"ma": dossier.code})
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert "Đăng ký khai sinh" not in response.content.decode()  # nothing of the dossier


def test_rating_pages_are_rate_limited(client, desk, personas, monkeypatch) -> None:
    from danvan.onestop import public_views

    monkeypatch.setattr(public_views, "RATING_RATE", "2/h")
    dossier = returned(desk, personas)
    url = reverse("onestop_public_rate", args=[dossier.rating_token])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert client.post(url, {"level": "5"}).status_code == 429
    assert not Rating.objects.exists()
