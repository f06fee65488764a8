"""The pages as a user meets them: browsing and searching units, adding a hamlet, accounts, lock-out."""

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.units.models import Unit
from tests.factories import PASSWORD, OrganizationFactory, StaffingFactory

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_browser_shows_todays_tree_and_the_tree_before_the_reform(tree, personas) -> None:
    client = signed_in(personas.officer_a)
    today = client.get(reverse("unit_browser")).content.decode()
    assert "Tỉnh Mới" in today and "Tỉnh Cũ" not in today
    before = client.get(reverse("unit_browser") + "?tree=before").content.decode()
    assert "Tỉnh Cũ" in before and "Tỉnh Mới" not in before


def test_accent_insensitive_search(tree, personas) -> None:
    Unit.objects.filter(pk=tree.commune_b.pk).update(name="Phường Bắc Kạn", name_folded="phuong bac kan 90020")
    page = signed_in(personas.officer_a).get(reverse("unit_browser") + "?q=bac kan").content.decode()
    assert "Phường Bắc Kạn" in page
    assert "1 kết quả" in page


def test_unit_detail_shows_lineage_organisations_and_staffing(tree, personas) -> None:
    org = OrganizationFactory(unit=tree.commune_a, name="Ủy ban nhân dân xã A")
    StaffingFactory(organization=org, civil_servants=1451, public_employees=9247)
    page = signed_in(personas.officer_b).get(reverse("unit_detail", args=[tree.commune_a.pk])).content.decode()
    assert "Xã Cũ" in page  # formed from
    assert "Ủy ban nhân dân xã A" in page
    assert "1.451 công chức, 9.247 viên chức" in page


def test_a_unit_with_an_organisation_but_no_staffing_figures_opens(tree, personas) -> None:
    """Thái Nguyên, Đức Xuân, Chợ Rã and Bắc Kạn gave a 500 (decimal.InvalidOperation in vi_number)."""
    with_figures = OrganizationFactory(unit=tree.commune_a, name="Ủy ban nhân dân xã A")
    StaffingFactory(organization=with_figures, civil_servants=12, public_employees=30)
    OrganizationFactory(unit=tree.commune_a, name="Ủy ban Mặt trận Tổ quốc xã A")  # no staffing row
    page = signed_in(personas.officer_b).get(reverse("unit_detail", args=[tree.commune_a.pk]))
    assert page.status_code == 200
    assert "Ủy ban Mặt trận Tổ quốc xã A" in page.content.decode()


def test_children_partial_for_htmx(tree, personas) -> None:
    page = signed_in(personas.officer_a).get(reverse("unit_children", args=[tree.province.pk])).content.decode()
    assert "Xã A" in page and "<html" not in page


def test_unit_admin_adds_a_hamlet_and_errors_name_the_field(tree, personas) -> None:
    client = signed_in(personas.unit_admin)
    url = reverse("unit_add_hamlet", args=[tree.commune_b.pk])
    response = client.post(url, {"kind": "thon", "short_name": "Nà Săm"})
    assert response.status_code == 302
    again = client.post(url, {"kind": "thon", "short_name": "Nà Săm"})
    assert again.status_code == 200
    assert "Thôn Nà Săm đã có trong Xã B." in again.content.decode()
    assert Unit.objects.filter(short_name="Nà Săm").count() == 1


def test_unit_admin_creates_an_account_with_a_role(tree, personas) -> None:
    client = signed_in(personas.unit_admin)

    def create(username: str, unit: str) -> str:
        data = {"username": username, "full_name": "Nguyễn Văn Mới", "role": "officer", "unit": unit}
        response = client.post(reverse("user_create"), data)
        assert response.status_code == 200
        return response.content.decode()

    create("canbo.moi", "90020")  # a code is still accepted
    assert User.objects.get(username="canbo.moi").role_assignments.get().unit == tree.commune_b
    create("canbo.ten", "xa b")  # and a name, without accents
    assert User.objects.get(username="canbo.ten").role_assignments.get().unit == tree.commune_b
    # Outside the manager's scope looks like a unit that does not exist: nothing is suggested or created.
    assert "Không tìm thấy đơn vị nào có tên hoặc mã “90030”" in create("ngoai.pham.vi", "90030")
    assert "Không tìm thấy đơn vị nào có tên hoặc mã “12345”" in create("ma.sai", "12345")
    assert not User.objects.filter(username__in=["ngoai.pham.vi", "ma.sai"]).exists()


def test_lock_out_after_repeated_failed_logins(tree, personas, settings) -> None:
    client = Client()
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "officer_a", "password": "sai-mat-khau"})
        assert "không đúng" in response.content.decode()
    locked = client.post(url, {"username": "officer_a", "password": "sai-mat-khau"})
    assert locked.status_code == 429
    assert "tạm khóa" in locked.content.decode()
    # Even the right password is refused while locked.
    assert client.post(url, {"username": "officer_a", "password": PASSWORD}).status_code == 429


def test_one_password_tried_on_many_usernames_locks_the_address(tree, personas, settings) -> None:
    """Issue 10, finding 8: a password spray from one address is stopped, whatever the usernames."""
    client = Client(REMOTE_ADDR="203.0.113.7")
    url = reverse("login")
    names = ["officer_a", "leader_a", "officer_b", "supervisor", "unit_admin", "sysadmin", "khong_co"]
    answers = [client.post(url, {"username": name, "password": "Matkhau@2026"}).status_code for name in names]
    assert answers[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert answers[-1] == 429
    # The address is locked even for a right password; another address is not.
    assert client.post(url, {"username": "officer_a", "password": PASSWORD}).status_code == 429
    elsewhere = Client(REMOTE_ADDR="198.51.100.9").post(url, {"username": "officer_a", "password": PASSWORD})
    assert elsewhere.status_code == 302


def test_login_with_the_right_password(tree, personas) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_language_switch_to_english(tree, personas) -> None:
    client = signed_in(personas.officer_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("unit_browser")).content.decode()
    assert 'lang="en"' in page
    assert "Administrative units" in page


def test_calendar_page_lists_holidays(tree, personas) -> None:
    page = signed_in(personas.officer_a).get(reverse("calendar") + "?year=2026").content.decode()
    assert "Ngày Văn hóa Việt Nam" in page
    assert "24/11/2026" in page


def test_token_page_shows_the_new_token_once(tree, personas) -> None:
    client = signed_in(personas.officer_a)
    page = client.post(reverse("my_tokens"), {"name": "báo cáo"}).content.decode()
    assert 'id="new-token">dv_' in page
    assert "dv_" not in client.get(reverse("my_tokens")).content.decode().split("Tạo mã mới")[1].split("<tbody>")[0]
