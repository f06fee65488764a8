"""The Django admin as its users meet it: the system administrator (by role; no account of ours is
``is_staff``) signs in at /admin/login/ and finds every app named in Vietnamese; anyone else is refused
with a sentence that says why, and does not get in."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.test import Client
from django.utils import translation

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _password_alone_signs_in(settings) -> None:
    # The second step is walked in tests/accounts/test_two_factor.py.
    settings.DANVAN_2FA_REQUIRED_ROLES = []


def sign_in(client: Client, username: str, password: str = PASSWORD):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_system_admin_by_role_signs_in_at_the_admin_login(personas) -> None:
    assert not personas.admin.is_staff and not personas.admin.is_superuser
    client = Client()
    response = sign_in(client, personas.admin.username)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    index = client.get("/admin/")
    assert index.status_code == 200
    assert "Quản trị hệ thống" in index.content.decode()
    # and may open a model's list: the permissions come from the same role
    assert client.get("/admin/units/unit/").status_code == 200


@pytest.mark.parametrize("username", ["officer_a", "leader_a", "supervisor", "unit_admin"])
def test_other_roles_are_refused_with_the_reason(personas, username) -> None:
    client = Client()
    response = sign_in(client, username)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Tài khoản “{username}” không có vai trò Quản trị hệ thống" in page
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_wrong_password_is_refused_in_vietnamese(personas) -> None:
    response = sign_in(Client(), personas.admin.username, "not-the-password")
    page = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page
    assert "staff" not in page


def test_an_inactive_administrator_is_refused(personas) -> None:
    personas.admin.is_active = False
    personas.admin.save()
    client = Client()
    sign_in(client, personas.admin.username)
    assert "_auth_user_id" not in client.session


def test_admin_index_names_every_app_and_model_in_vietnamese(personas) -> None:
    client = Client()
    client.force_login(personas.admin)
    page = client.get("/admin/", headers={"accept-language": "vi"}).content.decode()
    apps_ = [a.strip() for a in re.findall(r'<caption>\s*<a [^>]*class="section"[^>]*>([^<]+)</a>', page)]
    models = [m.strip() for m in re.findall(r"<th scope=\"row\" id=\"[^\"]*\">\s*<a [^>]*>([^<]+)</a>", page)]
    assert len(apps_) >= 8 and len(models) >= 15
    for english in (
        "Axes",
        "Tasks Database Backend",
        "Otp_Totp",
        "Otp_Static",
        "Access attempts",
        "Access failures",
        "Access logs",
        "Task Results",
        "TOTP devices",
        "Static devices",
    ):
        assert english.lower() not in [n.lower() for n in apps_ + models], english
    for vietnamese in ("Chống dò mật khẩu (django-axes)", "Tác vụ chạy nền", "Xác thực hai lớp: ứng dụng xác thực"):
        assert vietnamese in apps_, vietnamese
    for vietnamese in (
        "Nhật ký đăng nhập sai",
        "Lượt đăng nhập sai đang bị tính",
        "Ứng dụng xác thực",
        "Bộ mã khôi phục",
        "Tác vụ chạy nền",
    ):
        assert vietnamese in models, vietnamese
    # every name on the index, the libraries' among them, is written in Vietnamese: it has a Vietnamese letter
    vietnamese_letter = re.compile(r"[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữự]")
    assert all(vietnamese_letter.search(n.lower()) for n in apps_ + models), apps_ + models


def test_library_models_keep_their_tables_and_labels() -> None:
    # Renaming is for people: the app labels the migrations and the permissions use are the libraries' own.
    assert apps.get_app_config("axes").name == "axes"
    assert apps.get_app_config("django_tasks_database").name == "django_tasks_db"
    assert apps.get_app_config("otp_totp").name == "django_otp.plugins.otp_totp"
    with translation.override("vi"):
        model = apps.get_model("axes", "AccessAttempt")
        assert str(model._meta.get_field("ip_address").verbose_name) == "Địa chỉ IP"
