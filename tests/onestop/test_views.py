"""The officers' one-stop pages: the desk's intake and return screens, the workspace, the list's queues,
the catalogue and the statistics, through the test client (the services do the writing)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.core.periods import parse_period
from danvan.core.selectors import current_calendar
from danvan.core.text import format_percent
from danvan.onestop import rules, selectors, services
from danvan.onestop.models import Dossier, Procedure, Rating, ServicePoint
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.onestop.conftest import SYSTEM

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def receive(desk, procedure=None, *, minutes_ago: int = 1, **kw) -> Dossier:
    return services.receive_dossier(
        actor=desk.clerk, service_point=kw.pop("point", desk.point), procedure=procedure or desk.birth,
        received_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        applicant_name=kw.pop("applicant_name", "Hoàng Văn Thắng"), applicant_phone="0912 345 678", **kw,
    )  # fmt: skip


def ready(desk, procedure=None) -> Dossier:
    dossier = receive(desk, procedure)
    services.act(actor=desk.clerk, dossier=dossier, action="hand_over", department="Công chức Tư pháp - Hộ tịch")
    services.act(actor=desk.clerk, dossier=dossier, action="result")
    return dossier


def intake_data(desk, **overrides) -> dict:
    data = {
        "procedure": "1.001193", "applicant_name": "Lò Thị Mai", "applicant_id_number": "019190000123",
        "applicant_phone": "0987 654 321", "channel": "desk", "sets": "2", "service_point": str(desk.point.pk),
    }  # fmt: skip
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- intake ------------------------------------------------------------------------------------------


def test_intake_form_defaults_to_the_working_units_point(desk) -> None:
    response = client_of(desk.clerk).get(reverse("onestop_intake"))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<input type="search" name="procedure"[^>]*autofocus', html)
    assert re.search(rf'<option value="{desk.point.pk}" selected>', html)
    assert f'value="{desk.point_b.pk}"' not in html  # commune B's point is not the clerk's


def test_intake_by_code_receives_and_offers_the_slip(desk) -> None:
    client = client_of(desk.clerk)
    response = client.post(reverse("onestop_intake"), intake_data(desk))
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('onestop_dossier', args=[dossier.pk])}?moi=1"
    assert (dossier.procedure, dossier.sets, dossier.channel) == (desk.birth, 2, "desk")
    assert dossier.applicant_phone == "0987654321" and dossier.received_by == desk.clerk
    page = client.get(response["Location"]).content.decode()
    assert "In giấy tiếp nhận và hẹn trả kết quả" in page
    assert reverse("onestop_slip", args=[dossier.pk, "appointment"]) in page
    assert 'id="print-appointment"' in page


def test_intake_by_words_without_accents_and_by_post(desk) -> None:
    client = client_of(desk.clerk)
    response = client.post(reverse("onestop_intake"), intake_data(desk, procedure="chung thuc ban sao", channel="post"))
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.procedure == desk.certify and dossier.channel == "post"


def test_intake_ambiguous_words_ask_to_choose_then_the_choice_is_taken(desk) -> None:
    client = client_of(desk.clerk)
    response = client.post(reverse("onestop_intake"), intake_data(desk, procedure="dang ky"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Có nhiều thủ tục khớp “dang ky”" in html
    assert f'name="procedure_pk" value="{desk.birth.pk}"' in html and f'value="{desk.land.pk}"' in html
    assert not Dossier.objects.exists()
    response = client.post(reverse("onestop_intake"), intake_data(desk, procedure="dang ky", procedure_pk=desk.land.pk))
    assert response.status_code == 302
    assert Dossier.objects.get().procedure == desk.land


def test_intake_errors_are_shown_and_nothing_is_written(desk) -> None:
    client = client_of(desk.clerk)
    response = client.post(reverse("onestop_intake"), intake_data(desk, applicant_name="", applicant_id_number="12",
                                                                  sets="0"))  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "Có thông tin cần sửa" in html
    assert "Cần ghi họ tên người nộp hồ sơ." in html
    assert "Số bộ hồ sơ phải từ 1 đến 99." in html
    assert 'id="id_applicant_id_number_error"' in html
    unknown = client.post(reverse("onestop_intake"), intake_data(desk, procedure="khong co thu tuc nay"))
    assert "Không có thủ tục “khong co thu tuc nay” trong danh mục" in unknown.content.decode()
    # Another province's procedure is not in this desk's catalogue, whatever the form sends.
    other = client.post(reverse("onestop_intake"), intake_data(desk, procedure="", procedure_pk=desk.other_certify.pk))
    assert "Cần chọn thủ tục" in other.content.decode()
    assert not Dossier.objects.exists()


def test_intake_at_another_communes_point_is_refused(desk) -> None:
    response = client_of(desk.clerk).post(reverse("onestop_intake"), intake_data(desk, service_point=desk.point_b.pk))
    assert response.status_code == 200
    assert "Có thông tin cần sửa" in response.content.decode()
    assert not Dossier.objects.exists()


def test_procedure_matches_for_the_typing_officer(desk) -> None:
    client = client_of(desk.clerk)
    html = client.get(reverse("onestop_procedure_matches"), {"procedure": "KHAI SINH"}).content.decode()
    assert desk.birth.code in html and desk.land.code not in html
    assert "checked" in html
    assert (
        desk.certify.code in client.get(reverse("onestop_procedure_matches"), {"procedure": "2.0008"}).content.decode()
    )
    assert (
        "Không có thủ tục nào khớp"
        in client.get(reverse("onestop_procedure_matches"), {"procedure": "xyz"}).content.decode()
    )


# --- the return screen and the rating ----------------------------------------------------------------


def test_return_screen_finds_by_code_returns_and_invites_rating(desk) -> None:
    dossier = ready(desk)
    waiting = receive(desk, applicant_name="Người Chưa Xong")
    client = client_of(desk.clerk)
    page = client.get(reverse("onestop_return_desk")).content.decode()
    assert dossier.code in page and waiting.code not in page
    found = client.get(reverse("onestop_return_desk"), {"code": f" {dossier.code.lower()} "})
    assert found.status_code == 302 and found["Location"] == reverse("onestop_return", args=[dossier.pk])
    form = client.get(found["Location"]).content.decode()
    assert "Trực tiếp" in form and "Qua bưu chính" in form and "Trực tuyến (kết quả điện tử)" in form
    response = client.post(found["Location"], {"method": "post", "note": ""})
    assert response.status_code == 302 and response["Location"] == reverse("onestop_rate", args=[dossier.pk])
    dossier.refresh_from_db()
    assert dossier.status == rules.Status.RETURNED and dossier.return_method == "post"
    invite = client.get(response["Location"]).content.decode()
    assert reverse("onestop_kiosk", args=[dossier.rating_token]) in invite
    assert "Mời công dân đánh giá" in invite
    bad = client.post(response["Location"], {"comment": "Nhanh"})
    assert "Cần chọn mức hài lòng của công dân." in bad.content.decode() and not Rating.objects.exists()
    outside = client.post(response["Location"], {"level": "6"})
    assert "Có thông tin cần sửa" in outside.content.decode() and not Rating.objects.exists()
    done = client.post(response["Location"], {"level": "5", "comment": "Cán bộ nhiệt tình"})
    assert done.status_code == 302
    rating = Rating.objects.get()
    assert (rating.channel, rating.level, rating.satisfied, rating.entered_by) == ("paper", 5, True, desk.clerk)
    dossier.refresh_from_db()
    assert dossier.status == rules.Status.RATED


def test_return_screen_explains_codes_it_cannot_return(desk) -> None:
    waiting = receive(desk)
    client = client_of(desk.clerk)
    html = client.get(reverse("onestop_return_desk"), {"code": waiting.code}).content.decode()
    assert f"Hồ sơ {waiting.code} đang ở trạng thái “Mới tiếp nhận”: chưa có kết quả để trả." in html
    html = client.get(reverse("onestop_return_desk"), {"code": "XX-000000-0001"}).content.decode()
    assert "Không tìm thấy hồ sơ mã “XX-000000-0001” trong phạm vi của bạn." in html
    # Returning a dossier not ready is refused by the engine: nothing changes.
    response = client.post(reverse("onestop_return", args=[waiting.pk]), {"method": "desk"})
    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == rules.Status.RECEIVED


def test_paper_rating_with_the_nine_indices(desk, tree) -> None:
    services.set_settings(actor=SYSTEM, province=tree.province, rating_scheme="nine", timeliness_rule="day")
    dossier = ready(desk)
    services.act(actor=desk.clerk, dossier=dossier, action="return_result", method="desk")
    client = client_of(desk.clerk)
    url = reverse("onestop_rate", args=[dossier.pk])
    html = client.get(url).content.decode()
    for label, _ in rules.NINE_INDICES:
        assert label in html
    partial = {f"index_{n}": "2" for n in range(1, 9)}
    response = client.post(url, partial)
    assert "Cần chọn một mức cho chỉ số 9." in response.content.decode() and not Rating.objects.exists()
    response = client.post(url, partial | {"index_9": "1"})
    assert response.status_code == 302
    rating = Rating.objects.get()
    assert rating.indices == [2] * 8 + [1] and rating.level == 4 and rating.officer_points == 10


# --- the workspace -----------------------------------------------------------------------------------


def test_workspace_shows_the_right_buttons(desk, personas) -> None:
    dossier = receive(desk)
    hand_over = reverse("onestop_dossier_act", args=[dossier.pk, "hand_over"])
    html = client_of(desk.clerk).get(reverse("onestop_dossier", args=[dossier.pk])).content.decode()
    assert re.search(rf'class="btn btn-sm btn-primary" href="{hand_over}"', html)
    assert reverse("onestop_dossier_act", args=[dossier.pk, "stop"]) not in html  # a leader's decision
    assert reverse("onestop_dossier_act", args=[dossier.pk, "return_result"]) not in html  # not ready
    assert "Hoàng Văn Thắng" in html and "Giấy chứng sinh" in html  # the applicant and the components
    assert reverse("onestop_slip", args=[dossier.pk, "control"]) in html
    assert reverse("onestop_slip", args=[dossier.pk, "apology"]) not in html  # none issued
    leader = client_of(personas.leader_a).get(reverse("onestop_dossier", args=[dossier.pk])).content.decode()
    assert reverse("onestop_dossier_act", args=[dossier.pk, "stop"]) in leader
    supervisor = client_of(personas.supervisor).get(reverse("onestop_dossier", args=[dossier.pk])).content.decode()
    assert "/buoc/" not in supervisor and "Hoàng Văn Thắng" in supervisor
    assert reverse("onestop_slip", args=[dossier.pk, "appointment"]) not in supervisor


def test_workspace_step_through_the_kits_page(desk, personas) -> None:
    dossier = receive(desk)
    client = client_of(desk.clerk)
    url = reverse("onestop_dossier_act", args=[dossier.pk, "hand_over"])
    form = client.get(url).content.decode()
    assert "Bộ phận, cơ quan nhận xử lý" in form and personas.officer_a.get_full_name() in form
    bad = client.post(url, {"department": ""})
    assert bad.status_code == 200 and "Có thông tin cần sửa" in bad.content.decode()
    response = client.post(url, {"department": "Công chức Tư pháp - Hộ tịch", "handler": personas.officer_a.pk})
    assert response.status_code == 302
    html = client.get(reverse("onestop_dossier", args=[dossier.pk])).content.decode()
    assert "Công chức Tư pháp - Hộ tịch" in html and 'id="handovers"' in html
    assert "Chuyển xử lý" in html  # the timeline
    assert client.get(reverse("onestop_dossier_act", args=[dossier.pk, "nonsense"])).status_code == 404


def test_workspace_warns_the_day_before_and_marks_overdue(desk) -> None:
    dossier = receive(desk, desk.land)
    services.act(actor=desk.clerk, dossier=dossier, action="hand_over", department="Địa chính")
    tomorrow = selectors.next_working_day(timezone.localdate())
    due = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(17, 0)))
    Dossier.objects.filter(pk=dossier.pk).update(due_at=due, due_on=tomorrow)  # as if received ten days ago
    assert rules.warn_due_tomorrow(timezone.localdate(), tomorrow, current_calendar())
    client = client_of(desk.clerk)
    html = client.get(reverse("onestop_dossier", args=[dossier.pk])).content.decode()
    assert (
        "Ngày làm việc tới là hạn trả; nếu sẽ chậm, phát hành Phiếu xin lỗi và hẹn lại ngày trả kết quả hôm nay" in html
    )
    assert reverse("onestop_dossier_act", args=[dossier.pk, "apologise"]) in html
    assert 'id="overdue-badge"' not in html
    Dossier.objects.filter(pk=dossier.pk).update(
        due_at=timezone.now() - datetime.timedelta(hours=1), due_on=timezone.localdate()
    )
    html = client.get(reverse("onestop_dossier", args=[dossier.pk])).content.decode()
    assert 'id="overdue-badge"' in html and 'id="due-tomorrow"' not in html


def test_workspace_shows_the_apology_and_its_slip(desk) -> None:
    dossier = receive(desk, desk.land, minutes_ago=5)
    services.act(actor=desk.clerk, dossier=dossier, action="hand_over", department="Địa chính")
    new_due = timezone.localtime(dossier.due_at).date() + datetime.timedelta(days=7)
    services.act(actor=desk.clerk, dossier=dossier, action="apologise", reason="Chờ xác minh nguồn gốc đất",
                 new_due=new_due)  # fmt: skip
    html = client_of(desk.clerk).get(reverse("onestop_dossier", args=[dossier.pk])).content.decode()
    assert "Chờ xác minh nguồn gốc đất" in html and 'id="apology"' in html
    assert reverse("onestop_slip", args=[dossier.pk, "apology"]) in html
    assert reverse("onestop_dossier_act", args=[dossier.pk, "apologise"]) not in html  # once only


# --- the list ----------------------------------------------------------------------------------------


def test_list_queues_overdue_and_due_tomorrow(desk) -> None:
    late = receive(desk, desk.land, applicant_name="Quá Hạn")
    soon = receive(desk, desk.land, applicant_name="Sắp Đến Hạn")
    calm = receive(desk, desk.land, applicant_name="Còn Lâu")
    tomorrow = selectors.next_working_day(timezone.localdate())
    Dossier.objects.filter(pk=late.pk).update(due_at=timezone.now() - datetime.timedelta(hours=2),
                                              due_on=timezone.localdate() - datetime.timedelta(days=1))  # fmt: skip
    Dossier.objects.filter(pk=soon.pk).update(
        due_at=timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(17))), due_on=tomorrow
    )
    client = client_of(desk.clerk)
    everything = client.get(reverse("onestop_dossier_list")).content.decode()
    assert all(d.code in everything for d in (late, soon, calm))
    assert re.search(r"Quá hạn <span class=\"badge rounded-pill text-bg-danger\">1</span>", everything)
    overdue = client.get(reverse("onestop_dossier_list"), {"queue": "overdue"}).content.decode()
    assert late.code in overdue and soon.code not in overdue and calm.code not in overdue
    due = client.get(reverse("onestop_dossier_list"), {"queue": "due_tomorrow"}).content.decode()
    assert soon.code in due and late.code not in due and calm.code not in due
    found = client.get(reverse("onestop_dossier_list"), {"q": "sap den han"}).content.decode()
    assert soon.code in found and late.code not in found
    export = client.get(reverse("onestop_dossier_export"), {"queue": "overdue"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_list_of_commune_b_does_not_show_commune_a(desk, personas) -> None:
    dossier = receive(desk)
    html = client_of(personas.officer_b).get(reverse("onestop_dossier_list")).content.decode()
    assert dossier.code not in html


# --- the catalogue -----------------------------------------------------------------------------------


@pytest.fixture
def province_leader(tree):
    user = UserFactory(username="tinh_lanhdao")
    RoleAssignmentFactory(user=user, role="leader", unit=tree.province)
    return user


def test_procedure_list_for_a_commune_officer(desk, personas) -> None:
    client = client_of(personas.officer_a)
    html = client.get(reverse("onestop_procedures")).content.decode()
    assert desk.birth.name in html and desk.land.name in html
    assert reverse("onestop_procedure", args=[desk.other_certify.pk]) not in html  # another province's catalogue
    assert reverse("onestop_import_procedures") not in html  # the import is the province leader's (decide)
    assert reverse("onestop_procedure_new") not in html
    html = client.get(reverse("onestop_procedures"), {"q": "khai sinh"}).content.decode()
    assert desk.birth.name in html and desk.land.name not in html
    html = client.get(reverse("onestop_procedures"), {"field": "Đất đai"}).content.decode()
    assert desk.land.name in html and desk.birth.name not in html
    detail = client.get(reverse("onestop_procedure", args=[desk.birth.pk])).content.decode()
    assert (
        "Tờ khai đăng ký khai sinh" in detail and reverse("onestop_procedure_edit", args=[desk.birth.pk]) not in detail
    )
    assert client.get(reverse("onestop_procedure", args=[desk.other_certify.pk])).status_code == 404


def test_catalogue_edit_refused_without_decide(desk, personas) -> None:
    url = reverse("onestop_procedure_edit", args=[desk.birth.pk])
    assert client_of(personas.officer_a).get(url).status_code == 403
    assert client_of(personas.officer_a).post(url, {"name": "X"}).status_code == 403
    # A commune's leader decides for the commune, not for the province's catalogue.
    assert client_of(personas.leader_a).get(url).status_code == 403
    assert client_of(personas.leader_a).get(reverse("onestop_procedure_new")).status_code == 403
    assert client_of(personas.supervisor).get(reverse("onestop_settings")).status_code == 403
    desk.birth.refresh_from_db()
    assert desk.birth.name == "Đăng ký khai sinh"


def test_procedure_edit_by_the_provinces_leader(desk, province_leader) -> None:
    client = client_of(province_leader)
    url = reverse("onestop_procedure_edit", args=[desk.birth.pk])
    form = client.get(url).content.decode()
    assert "Tờ khai đăng ký khai sinh; 1; 0" in form
    data = {"code": "1.001193", "name": "Đăng ký khai sinh", "field": "Hộ tịch", "level": "commune", "days": "abc",
            "hours": "0", "cutoff": "", "online_level": "full", "one_stop": "on", "active": "on",
            "components": "Tờ khai; 1; 0\nGiấy chứng sinh; 1; 0\nSổ hộ khẩu; 0; 1"}  # fmt: skip
    bad = client.post(url, data)
    assert bad.status_code == 200 and "Thời hạn (ngày làm việc): từ 0 đến 365." in bad.content.decode()
    desk.birth.refresh_from_db()
    assert desk.birth.days == 3
    response = client.post(url, data | {"days": "5", "cutoff": "16:30"})
    assert response.status_code == 302
    desk.birth.refresh_from_db()
    assert desk.birth.days == 5 and desk.birth.cutoff == datetime.time(16, 30)
    assert desk.birth.components[2] == {"name": "Sổ hộ khẩu", "originals": 0, "copies": 1}
    new = client.post(reverse("onestop_procedure_new"), data | {"code": "1.000893", "name": "Đăng ký kết hôn",
                                                                "days": "3"})  # fmt: skip
    assert new.status_code == 302
    assert Procedure.objects.get(code="1.000893").unit == desk.birth.unit
    clash = client.post(reverse("onestop_procedure_new"), data | {"days": "3"})
    assert "đã có trong danh mục của tỉnh" in clash.content.decode()


def test_service_points_and_settings(desk, personas, province_leader, tree) -> None:
    officer = client_of(personas.officer_a)
    html = officer.get(reverse("onestop_service_points")).content.decode()
    assert desk.point.name in html and desk.point_b.name not in html
    assert reverse("onestop_service_point_edit", args=[desk.point.pk]) not in html
    assert officer.get(reverse("onestop_service_point_new")).status_code == 403
    leader = client_of(personas.leader_a)
    assert leader.get(reverse("onestop_service_point_edit", args=[desk.point_b.pk])).status_code == 404
    response = leader.post(reverse("onestop_service_point_new"),
                           {"name": "Điểm tiếp nhận thôn A1", "kind": "point", "active": "on"})  # fmt: skip
    assert response.status_code == 302
    assert ServicePoint.objects.get(name="Điểm tiếp nhận thôn A1").unit == tree.commune_a
    dup = leader.post(reverse("onestop_service_point_new"), {"name": "Điểm tiếp nhận thôn A1", "kind": "point"})
    assert "Đơn vị đã có nơi tiếp nhận" in dup.content.decode()
    client = client_of(province_leader)
    assert client.get(reverse("onestop_settings")).status_code == 200
    response = client.post(reverse("onestop_settings"), {"rating_scheme": "nine", "timeliness_rule": "time"})
    assert response.status_code == 302
    settings = services.settings_for(tree.province)
    assert (settings.rating_scheme, settings.timeliness_rule) == ("nine", "time")


# --- statistics --------------------------------------------------------------------------------------


def test_stats_page_figures_match_stats_for(desk, personas, tree) -> None:
    first = ready(desk)
    services.act(actor=desk.clerk, dossier=first, action="return_result", method="desk")
    services.rate(dossier=first, channel="kiosk", level=5, token=first.rating_token)
    second = ready(desk, desk.certify)
    services.act(actor=desk.clerk, dossier=second, action="return_result", method="desk")
    services.rate(dossier=second, channel="kiosk", level=2, token=second.rating_token)
    receive(desk, desk.land, channel="post")
    year = timezone.localdate().year
    response = client_of(personas.supervisor).get(reverse("onestop_stats"), {"unit": tree.commune_a.code,
                                                                              "year": year})  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    expected = selectors.stats_for(tree.commune_a, parse_period("year", year), user=personas.supervisor)
    assert expected.totals["received"] == 3 and expected.totals["received_post"] == 1
    for name in ("received", "received_post", "received_desk", "finished", "returned", "carried_over"):
        assert f'id="fig-{name.replace("_", "-")}">{expected.totals[name]}<' in html
    assert f'id="fig-rated">{expected.ratings["rated"]}<' in html
    assert expected.satisfaction_share is not None
    assert format_percent(expected.satisfaction_share) == "50%"
    assert f'id="fig-satisfaction-share">{format_percent(expected.satisfaction_share)}<' in html
    assert expected.on_time_share is not None
    assert f'id="fig-on-time-share">{format_percent(expected.on_time_share)}<' in html
    assert desk.birth.name in html and desk.point.name in html and "Hộ tịch" in html  # the tables
    assert f'id="fig-procedures">{expected.procedures_total}<' in html
    # The province's figures hold commune A's; commune B's officer may not ask for commune A.
    assert client_of(personas.officer_b).get(reverse("onestop_stats"), {"unit": tree.commune_a.code}).status_code == 404
