"""Two-factor sign-in as people meet it, through the pages: a leader is made to enrol, then asked for the code
each time; a recovery code works once; an officer may enrol or not; wrong codes lock the account out."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp import models as totp_models
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts import services, two_factor
from danvan.accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@dataclass
class Phone:
    """The authenticator app, and the server's clock with it: each code is read 30 seconds after the last,
    as a person would (a code is accepted once: the next sign-in needs the next one)."""

    now: float

    def time(self) -> float:
        return self.now

    def code(self, device: TOTPDevice) -> str:
        device.refresh_from_db()
        self.now += device.step
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = self.now
        return f"{totp.token():0{device.digits}d}"

    def wrong_code(self, device: TOTPDevice) -> str:
        """A code the device refuses now: none of those of the current step and its two neighbours."""
        device.refresh_from_db()
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        valid = set()
        for offset in (-1, 0, 1, 2):
            totp.time = self.now + offset * device.step
            valid.add(totp.token())
        return next(f"{n:06d}" for n in range(1_000_000) if n not in valid)


@pytest.fixture
def phone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Phone]:
    clock = Phone(now=time.time())
    monkeypatch.setattr(totp_models, "time", clock)
    yield clock


def sign_in(client: Client, username: str, password: str = PASSWORD, next_url: str = "") -> int:
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data).status_code


def enrolled(user: User, phone: Phone) -> tuple[TOTPDevice, list[str]]:
    device = services.start_enrolment(user=user)
    return services.confirm_enrolment(user=user, code=phone.code(device))


def location(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 302, response.status_code
    return response["Location"]


# --- who must enrol ----------------------------------------------------------------------------------
def test_a_leader_without_a_device_is_sent_to_enrol_and_reaches_nothing_else(tree, personas) -> None:
    client = Client()
    assert sign_in(client, "leader_a") == 302
    enrol = reverse("two_factor_enrol")
    assert location(client.get(reverse("home"))) == f"{enrol}?next=%2F"
    for name in ("unit_browser", "case_list", "initiative_list", "my_tokens", "two_factor", "two_factor_verify"):
        assert location(client.get(reverse(name))).startswith(enrol), name
    assert location(client.get("/admin/")).startswith(enrol)
    # A form posted from an old tab goes nowhere but the enrolment.
    assert location(client.post(reverse("my_tokens"), {"name": "x"})) == enrol
    # The API does not take the half-open session as signed in.
    assert client.get("/api/v1/me").status_code == 401
    page = client.get(enrol)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Xác thực hai lớp" in html and "Mã xác thực 6 số" in html
    assert "<svg" in html and 'role="img"' in html  # the QR code, drawn inline
    device = TOTPDevice.objects.get(user=personas.leader_a, confirmed=False)
    assert two_factor.normalise_code(html.split('id="two-factor-secret">')[1].split("<")[0]) == (
        two_factor.normalise_code(device.config_url.split("secret=")[1].split("&")[0])
    )
    # No menu of the signed-in shell on the way.
    assert reverse("unit_browser") not in html
    # Signing out is always possible.
    assert location(client.post(reverse("logout"))) == reverse("login")
    assert location(client.get(reverse("unit_browser"))).startswith(reverse("login"))  # / is the citizens' page


def test_the_enrolment_speaks_english_too(tree, personas) -> None:
    client = Client()
    sign_in(client, "leader_a")
    assert location(client.post(reverse("set_language"), {"language": "en", "next": "/"})) == "/"
    page = client.get(reverse("two_factor_enrol")).content.decode()
    assert "Two-factor sign-in" in page and "6-digit verification code" in page


@pytest.mark.parametrize("username", ["sysadmin", "unit_admin"])
def test_administrators_are_made_to_enrol_too(tree, personas, username) -> None:
    client = Client()
    sign_in(client, username)
    assert location(client.get(reverse("home"))).startswith(reverse("two_factor_enrol"))


def test_an_officer_is_not_made_to_enrol(tree, personas) -> None:
    client = Client()
    assert sign_in(client, "officer_a") == 302
    assert client.get(reverse("home")).status_code == 200
    page = client.get(reverse("two_factor")).content.decode()
    assert "Chưa bật" in page
    assert not TOTPDevice.objects.filter(user=personas.officer_a).exists()


def test_with_no_required_roles_as_in_the_demo_a_leader_signs_in_with_the_password(tree, personas, settings) -> None:
    settings.DANVAN_2FA_REQUIRED_ROLES = []
    client = Client()
    sign_in(client, "leader_a")
    assert client.get(reverse("home")).status_code == 200


# --- enrolment ---------------------------------------------------------------------------------------
def test_enrolment_with_a_valid_code_turns_it_on_and_shows_ten_recovery_codes_once(tree, personas, phone) -> None:
    client = Client()
    sign_in(client, "leader_a", next_url=reverse("unit_browser"))
    enrol = location(client.get(reverse("unit_browser")))
    client.get(enrol)
    device = TOTPDevice.objects.get(user=personas.leader_a, confirmed=False)
    shown = location(client.post(enrol, {"code": phone.code(device)}))
    assert shown == reverse("two_factor_recovery_codes")
    device.refresh_from_db()
    assert device.confirmed
    page = client.get(shown).content.decode()
    assert "Mã khôi phục" in page and "chỉ hiển thị một lần" in page
    tokens = StaticToken.objects.filter(device__user=personas.leader_a)
    assert tokens.count() == 10
    for token in tokens:
        assert two_factor.format_recovery_code(token.token) in page
    # Shown once: a reload finds them gone.
    assert location(client.get(shown)) == reverse("two_factor")
    # Signed in now, and sent on to where the sign-in was going.
    assert reverse("unit_browser") in page
    assert client.get(reverse("unit_browser")).status_code == 200


def test_an_invalid_code_does_not_turn_it_on(tree, personas, phone) -> None:
    client = Client()
    sign_in(client, "leader_a")
    enrol = reverse("two_factor_enrol")
    client.get(enrol)
    device = TOTPDevice.objects.get(user=personas.leader_a, confirmed=False)
    wrong = client.post(enrol, {"code": phone.wrong_code(device)})
    assert wrong.status_code == 200 and "Mã không đúng" in wrong.content.decode()
    # Straight after a wrong code the device makes one wait (django-otp: 1, 2, 4… seconds), right code or not.
    hurried = client.post(enrol, {"code": phone.code(device)})
    assert hurried.status_code == 200 and "Vui lòng đợi" in hurried.content.decode()
    assert client.post(enrol, {"code": "abcdefgh"}).status_code == 200
    assert client.post(enrol, {"code": ""}).status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.filter(user=personas.leader_a).exists()
    assert location(client.get(reverse("home"))).startswith(enrol)


def test_a_reload_of_the_enrolment_keeps_the_same_secret(tree, personas) -> None:
    client = Client()
    sign_in(client, "leader_a")
    first = client.get(reverse("two_factor_enrol")).content.decode()
    second = client.get(reverse("two_factor_enrol")).content.decode()
    assert first.split('id="two-factor-secret">')[1][:40] == second.split('id="two-factor-secret">')[1][:40]
    assert TOTPDevice.objects.filter(user=personas.leader_a).count() == 1


# --- the code at each sign-in ------------------------------------------------------------------------
def test_the_next_sign_in_asks_for_the_code(tree, personas, phone) -> None:
    device, _ = enrolled(personas.leader_a, phone)
    client = Client()
    sign_in(client, "leader_a", next_url=reverse("unit_browser"))
    verify = location(client.get(reverse("unit_browser")))
    assert verify == f"{reverse('two_factor_verify')}?next=%2Funits%2F"
    assert location(client.get(reverse("two_factor_enrol"))).startswith(reverse("two_factor_verify"))
    page = client.get(verify).content.decode()
    assert "Mã xác thực 6 số" in page and "mã khôi phục" in page
    assert location(client.post(verify, {"code": phone.code(device)})) == reverse("unit_browser")
    assert client.get(reverse("unit_browser")).status_code == 200
    assert client.get(reverse("two_factor")).status_code == 200


def test_a_code_is_taken_once(tree, personas, phone) -> None:
    device, _ = enrolled(personas.leader_a, phone)
    code = phone.code(device)
    first = Client()
    sign_in(first, "leader_a")
    assert location(first.post(reverse("two_factor_verify"), {"code": code})) == "/"
    second = Client()
    sign_in(second, "leader_a")
    assert second.post(reverse("two_factor_verify"), {"code": code}).status_code == 200
    assert location(second.get(reverse("home"))).startswith(reverse("two_factor_verify"))


def test_a_recovery_code_works_once(tree, personas, phone) -> None:
    _, codes = enrolled(personas.leader_a, phone)
    typed = two_factor.format_recovery_code(codes[0]).upper()  # as read off the paper: "ABCD-EFGH"
    client = Client()
    sign_in(client, "leader_a")
    response = client.post(reverse("two_factor_verify"), {"code": typed})
    assert location(response) == "/"
    assert "còn lại 9 mã" in client.get(reverse("home")).content.decode()
    client.post(reverse("logout"))
    sign_in(client, "leader_a")
    again = client.post(reverse("two_factor_verify"), {"code": typed})
    assert again.status_code == 200
    assert "Mã không đúng" in again.content.decode()
    assert StaticToken.objects.filter(device__user=personas.leader_a).count() == 9
    assert location(client.get(reverse("home"))).startswith(reverse("two_factor_verify"))


# --- optional enrolment ------------------------------------------------------------------------------
def test_an_officer_enrols_from_the_two_factor_page_and_is_then_asked_for_the_code(tree, personas, phone) -> None:
    client = Client()
    sign_in(client, "officer_a")
    page = client.get(reverse("two_factor")).content.decode()
    assert reverse("two_factor_enrol") in page and "Bật xác thực hai lớp" in page
    enrol_page = client.get(reverse("two_factor_enrol"))
    assert enrol_page.status_code == 200 and "Để sau" in enrol_page.content.decode()
    device = TOTPDevice.objects.get(user=personas.officer_a, confirmed=False)
    shown = location(client.post(reverse("two_factor_enrol"), {"code": phone.code(device)}))
    assert "Tôi đã lưu các mã" in client.get(shown).content.decode()
    assert "Đang bật" in client.get(reverse("two_factor")).content.decode()
    client.post(reverse("logout"))
    sign_in(client, "officer_a")
    assert location(client.get(reverse("home"))).startswith(reverse("two_factor_verify"))
    assert location(client.post(reverse("two_factor_verify"), {"code": phone.code(device)})) == "/"


def test_an_officer_turns_it_off_with_a_code_a_leader_cannot(tree, personas, phone, settings) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code, then at once the right one
    device, _ = enrolled(personas.officer_a, phone)
    officer = Client()
    sign_in(officer, "officer_a")
    officer.post(reverse("two_factor_verify"), {"code": phone.code(device)})
    url = reverse("two_factor_disable")
    refused = officer.post(url, {"disable-code": phone.wrong_code(device)})
    assert refused.status_code == 200 and "Mã không đúng" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=personas.officer_a).exists()
    assert location(officer.post(url, {"disable-code": phone.code(device)})) == reverse("two_factor")
    assert not TOTPDevice.objects.filter(user=personas.officer_a).exists()
    assert not StaticDevice.objects.filter(user=personas.officer_a).exists()
    officer.post(reverse("logout"))
    sign_in(officer, "officer_a")
    assert officer.get(reverse("home")).status_code == 200

    leader_device, _ = enrolled(personas.leader_a, phone)
    leader = Client()
    sign_in(leader, "leader_a")
    leader.post(reverse("two_factor_verify"), {"code": phone.code(leader_device)})
    assert "không thể tắt" in leader.get(reverse("two_factor")).content.decode()
    leader.post(url, {"disable-code": phone.code(leader_device)})
    assert TOTPDevice.objects.filter(user=personas.leader_a, confirmed=True).exists()


def test_new_recovery_codes_replace_the_old_ones(tree, personas, phone) -> None:
    device, old = enrolled(personas.officer_a, phone)
    client = Client()
    sign_in(client, "officer_a")
    client.post(reverse("two_factor_verify"), {"code": phone.code(device)})
    shown = location(client.post(reverse("two_factor_new_codes"), {"codes-code": phone.code(device)}))
    page = client.get(shown).content.decode()
    new = set(StaticToken.objects.filter(device__user=personas.officer_a).values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)
    assert all(two_factor.format_recovery_code(t) in page for t in new)


# --- wrong codes -------------------------------------------------------------------------------------
def test_wrong_codes_lock_the_account_out_like_wrong_passwords(tree, personas, phone, settings) -> None:
    device, _ = enrolled(personas.leader_a, phone)
    client = Client()
    sign_in(client, "leader_a")
    verify = reverse("two_factor_verify")
    answers = [
        client.post(verify, {"code": phone.wrong_code(device)}).status_code for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert answers == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    # The half-open session is over, and the password alone is refused while locked, the code too.
    assert location(client.get(reverse("unit_browser"))).startswith(reverse("login"))  # / is the citizens' page
    locked = client.post(reverse("login"), {"username": "leader_a", "password": PASSWORD})
    assert locked.status_code == 429 and "tạm khóa" in locked.content.decode()


def test_wrong_codes_and_wrong_passwords_add_up(tree, personas, phone, settings) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own wait left aside: django-axes alone counts here
    device, _ = enrolled(personas.officer_a, phone)
    client = Client()
    sign_in(client, "officer_a")
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        assert client.post(reverse("two_factor_verify"), {"code": phone.wrong_code(device)}).status_code == 200
    client.post(reverse("logout"))
    assert sign_in(client, "officer_a", password="sai-mat-khau") == 200
    assert sign_in(client, "officer_a", password="sai-mat-khau") == 429


def test_the_code_throttle_outlives_a_new_password_sign_in(tree, personas, phone, settings) -> None:
    """django-axes forgets failures when the password is right; django-otp's wait on the device does not, so
    a thief who knows the password cannot try codes faster by signing in again."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute after the first wrong code, whatever the machine's speed
    device, _ = enrolled(personas.officer_a, phone)
    client = Client()
    sign_in(client, "officer_a")
    client.post(reverse("two_factor_verify"), {"code": phone.wrong_code(device)})
    client.post(reverse("logout"))
    sign_in(client, "officer_a")
    refused = client.post(reverse("two_factor_verify"), {"code": phone.code(device)})
    assert refused.status_code == 200
    assert "Vui lòng đợi" in refused.content.decode()
    assert location(client.get(reverse("home"))).startswith(reverse("two_factor_verify"))


# --- what two-factor sign-in leaves alone ------------------------------------------------------------
def test_api_tokens_are_not_asked_for_a_code(tree, personas, phone) -> None:
    enrolled(personas.leader_a, phone)
    _, raw = services.create_token(user=personas.leader_a)
    client = Client()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    # Even beside a session that still owes its code.
    sign_in(client, "leader_a")
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200


def test_the_operator_resets_a_lost_phone_and_the_leader_enrols_again(tree, personas, phone) -> None:
    enrolled(personas.leader_a, phone)
    call_command("reset_two_factor", "leader_a", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not TOTPDevice.objects.filter(user=personas.leader_a).exists()
    assert not StaticDevice.objects.filter(user=personas.leader_a).exists()
    client = Client()
    sign_in(client, "leader_a")
    assert location(client.get(reverse("home"))).startswith(reverse("two_factor_enrol"))


def test_unknown_roles_in_the_setting_fail_the_system_check(settings) -> None:
    settings.DANVAN_2FA_REQUIRED_ROLES = ["leader", "lanh_dao"]
    errors = two_factor.check_required_roles()
    assert [e.id for e in errors] == ["danvan.E010"]
    assert "lanh_dao" in errors[0].msg
