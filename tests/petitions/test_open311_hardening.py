"""Open311 GeoReport v2 refuses bad input with its own error format (a list of {code, description} naming the
parameter), never a 500, and writes nothing; a media link is only ever an absolute http(s) URL."""

from __future__ import annotations

import datetime
import json
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts.services import create_token
from danvan.petitions import rules, services
from danvan.petitions.models import Case, Letter, Subject

pytestmark = pytest.mark.django_db

REQUESTS = "/open311/v2/requests"


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


@pytest.fixture
def post(tree, personas, client) -> Any:
    _, key = create_token(user=personas.officer_a)

    def post(fmt: str = "json", **changes: str) -> Any:
        data = {
            "api_key": key,
            "jurisdiction_id": tree.commune_a.code,
            "service_code": "moi-truong",
            "lat": "22.1471",
            "long": "105.8347",
            "description": "Rác thải đổ xuống suối ở cầu tràn.",
        }
        return client.post(f"{REQUESTS}.{fmt}", data | changes)

    return post


def xml(content: bytes) -> ET.Element:
    """Our own endpoint's answer, parsed strictly (an invalid character fails the test)."""
    return ET.fromstring(content)  # noqa: S314  (the test's own server, not untrusted input)


def errors(response: Any) -> list[dict[str, Any]]:
    if response["Content-Type"].startswith("text/xml"):
        top = xml(response.content)
        assert top.tag == "errors"
        return [{"code": int(e.findtext("code") or 0), "description": e.findtext("description")} for e in top]
    return json.loads(response.content)


def assert_refused(response: Any, parameter: str, status: int = 400) -> None:
    assert response.status_code == status, response.content[:500]
    (error,) = errors(response)
    assert error["code"] == status
    assert parameter in error["description"], error["description"]
    assert len(error["description"]) < 400  # what was sent is not echoed back whole
    assert Letter.objects.count() == 0 and Case.objects.count() == 0


# --- media_url -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "javascript://example.vn/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://example.vn/anh.jpg",
        "file:///etc/passwd",
        "//example.vn/anh.jpg",
        "/anh/cau-tran.jpg",
        "example.vn/anh.jpg",
        "http://",
        "https://exa mple.vn/anh.jpg",
        "https://example.vn/anh\x00.jpg",
        "https://example.vn/" + "a" * 200,
    ],
)
def test_media_url_is_only_an_absolute_http_link(post, url) -> None:
    assert_refused(post(media_url=url), "media_url")


def test_media_url_refused_in_xml_too(post) -> None:
    assert_refused(post("xml", media_url="javascript:alert(1)"), "media_url")


def test_an_http_link_is_stored_and_returned(post, client) -> None:
    filed = post(media_url="https://example.vn/anh/cau-tran.jpg")
    assert filed.status_code == 201, filed.content
    code = filed.json()[0]["service_request_id"]
    assert Letter.objects.get().media_url == "https://example.vn/anh/cau-tran.jpg"
    (row,) = client.get(f"{REQUESTS}/{code}.json").json()
    assert row["media_url"] == "https://example.vn/anh/cau-tran.jpg"


def test_a_javascript_link_already_stored_is_never_returned(tree, personas, client) -> None:
    letter = services.receive_letter(
        actor=personas.officer_a,
        unit=tree.commune_a,
        intake=services.Intake(
            received_on=timezone.localdate(),
            channel=rules.Channel.OPEN311,
            kind=rules.LetterKind.REPORT,
            subject=Subject.objects.get(name="Môi trường"),
            content="Rác thải đổ ở cầu tràn",
            anonymous=True,
            media_url="javascript:alert(1)",
        ),
    )
    assert letter.case is not None
    code = letter.case.tracking_code
    for path in (f"{REQUESTS}/{code}.json", f"{REQUESTS}.json?service_request_id={code}"):
        (row,) = client.get(path).json()
        assert row["media_url"] == ""
    top = xml(client.get(f"{REQUESTS}/{code}.xml").content)
    assert not top.findtext("request/media_url")


# --- lat, long -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("lat", "NaN"),
        ("lat", "nan"),
        ("lat", "sNaN"),
        ("lat", "-NaN"),
        ("lat", "inf"),
        ("lat", "-inf"),
        ("lat", "Infinity"),
        ("lat", "90.000001"),
        ("lat", "-91"),
        ("lat", "abc"),
        ("lat", "22,1"),
        ("lat", "0x16"),
        ("lat", "1" + "0" * 5000),
        ("lat", "1e999999999"),
        ("lat", "22.1\x00"),
        ("long", "NaN"),
        ("long", "-Infinity"),
        ("long", "180.5"),
        ("long", "-181"),
        ("long", "x"),
        ("long", "9" * 400),
    ],
)
def test_bad_coordinates(post, parameter, value) -> None:
    assert_refused(post(**{parameter: value}), parameter)


def test_bad_coordinate_in_xml(post) -> None:
    assert_refused(post("xml", lat="NaN"), "lat")


def test_one_coordinate_without_the_other(post) -> None:
    assert_refused(post(lat="22.1", long="", address_string="Cầu tràn"), "long")
    assert_refused(post(lat="", long="105.8", address_string="Cầu tràn"), "lat")


@pytest.mark.parametrize(
    ("lat", "long", "stored"),
    [
        ("22.14710049999", "-0.0000001", ("22.147100", "0.000000")),
        (" 1e-999999999999999999 ", "1.05E+2", ("0.000000", "105.000000")),
        ("-90", "180", ("-90.000000", "180.000000")),
    ],
)
def test_coordinates_are_rounded_to_what_the_field_holds(post, lat, long, stored) -> None:
    filed = post(lat=lat, long=long)
    assert filed.status_code == 201, filed.content
    letter = Letter.objects.get()
    letter.refresh_from_db()
    assert (str(letter.latitude), str(letter.longitude)) == stored


# --- empty, long and NUL text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parameter", "changes"),
    [
        ("description", {"description": ""}),
        ("description", {"description": "   "}),
        ("service_code", {"service_code": ""}),
        ("lat", {"lat": "", "long": ""}),
        ("description", {"description": "Rác\x00thải"}),
        ("description", {"description": "Rác\x0bthải"}),
        ("first_name", {"first_name": "Hoa\x00"}),
        ("last_name", {"last_name": "\x00"}),
        ("address_string", {"address_string": "Cầu\x00tràn"}),
        ("phone", {"phone": "0987\x00654321"}),
        ("email", {"email": "dan\x00@example.vn"}),
        ("service_code", {"service_code": "moi-truong\x00"}),
        ("jurisdiction_id", {"jurisdiction_id": "90010\x00"}),
        ("first_name", {"first_name": "H" * 300}),
        ("last_name", {"last_name": "Đ" * 300}),
        ("address_string", {"address_string": "a" * 256}),
        ("phone", {"phone": "0" * 21}),
        ("email", {"email": "a" * 250 + "@example.vn"}),
        ("email", {"email": "khong-phai-thu"}),
    ],
)
def test_bad_text(post, parameter, changes) -> None:
    assert_refused(post(**changes), parameter)


def test_bad_text_in_xml(post) -> None:
    assert_refused(post("xml", description="Rác\x00"), "description")


def test_a_name_just_within_the_field_is_kept(post) -> None:
    filed = post(last_name="Đ" * 100, first_name="H" * 154)
    assert filed.status_code == 201, filed.content
    assert len(Letter.objects.get().sender_name) == 255


# --- unknown service or jurisdiction -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    ("parameter", "changes"),
    [
        ("service_code", {"service_code": "khong-co"}),
        ("service_code", {"service_code": "x" * 100_000}),
        ("jurisdiction_id", {"jurisdiction_id": "99999"}),
        ("jurisdiction_id", {"jurisdiction_id": "9" * 100_000}),
    ],
)
def test_unknown_service_or_jurisdiction(post, fmt, parameter, changes) -> None:
    assert_refused(post(fmt, **changes), parameter, status=404)


def test_a_bad_key_with_nul_is_refused(post) -> None:
    assert_refused(post(api_key="sai\x00"), "api_key", status=403)


# --- search dates and other GET parameters -------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("parameter", ["start_date", "end_date"])
@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+07:00",
        "0001-01-01",
        "0001-01-01T00:00:00",
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-10:00",
        "1000-01-01T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-01-01T00:00:00+25:00",
        "hôm qua",
        "2026-01-01T00:00:00Z\x00",
        "2026-01-01T00:00:00Z" + "0" * 10_000,
        "9" * 5000,
    ],
)
def test_bad_search_dates(client, fmt, parameter, value) -> None:
    assert_refused(client.get(f"{REQUESTS}.{fmt}", {parameter: value}), parameter)


def test_start_after_end(client) -> None:
    response = client.get(
        f"{REQUESTS}.json", {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"}
    )
    assert_refused(response, "start_date")


def test_more_than_ninety_days(client) -> None:
    response = client.get(
        f"{REQUESTS}.json", {"start_date": "2025-01-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"}
    )
    assert_refused(response, "end_date")


def test_good_and_empty_dates_still_search(post, client) -> None:
    assert post().status_code == 201
    now = timezone.now()
    window = {
        "start_date": (now - datetime.timedelta(days=1)).isoformat(),
        "end_date": (now + datetime.timedelta(minutes=1)).isoformat(),
    }
    assert len(client.get(f"{REQUESTS}.json", window).json()) == 1
    assert len(client.get(f"{REQUESTS}.json", {"start_date": "", "end_date": ""}).json()) == 1


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_too_many_request_ids(client, fmt) -> None:
    ids = ",".join(f"A{i:07d}" for i in range(40_000))
    assert_refused(client.get(f"{REQUESTS}.{fmt}", {"service_request_id": ids}), "service_request_id")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_nul_in_get_parameters(tree, client, fmt) -> None:
    assert_refused(client.get(f"{REQUESTS}.{fmt}", {"jurisdiction_id": "9\x00"}), "jurisdiction_id")
    assert_refused(client.get(f"/open311/v2/services.{fmt}", {"jurisdiction_id": "9\x00"}), "jurisdiction_id")
    assert_refused(client.get(f"{REQUESTS}.{fmt}", {"service_request_id": "A\x00"}), "service_request_id")
    assert_refused(client.get(f"{REQUESTS}/A%00B.{fmt}"), "service_request_id")
    assert_refused(client.get(f"/open311/v2/services/moi%00truong.{fmt}"), "service_code")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_things_read_are_not_found(tree, client, fmt) -> None:
    assert_refused(client.get(f"{REQUESTS}.{fmt}", {"jurisdiction_id": "99999"}), "jurisdiction_id", status=404)
    assert_refused(client.get(f"/open311/v2/services.{fmt}", {"jurisdiction_id": "9" * 5000}), "jurisdiction_id", 404)
    assert_refused(client.get(f"{REQUESTS}/{'X' * 5000}.{fmt}"), "service_request_id", status=404)
    assert_refused(client.get(f"/open311/v2/services/{'x' * 5000}.{fmt}"), "service_code", status=404)
    assert client.get(f"{REQUESTS}.{fmt}", {"service_code": "khong-co"}).status_code == 200


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_request_django_cannot_read_is_refused_as_open311(post, client, fmt) -> None:
    fields = {f"attribute[{i}]": "x" for i in range(2000)}
    assert_refused(post(fmt, **fields), "Yêu cầu")
    assert_refused(client.get(f"{REQUESTS}.{fmt}", fields), "Yêu cầu")


def test_control_characters_already_stored_keep_the_xml_readable(tree, personas, client) -> None:
    letter = services.receive_letter(
        actor=personas.officer_a,
        unit=tree.commune_a,
        intake=services.Intake(
            received_on=timezone.localdate(),
            channel=rules.Channel.OPEN311,
            kind=rules.LetterKind.REPORT,
            subject=Subject.objects.get(name="Môi trường"),
            content="Rác\x02 thải\x0b ở suối",  # NUL is refused at intake (PostgreSQL cannot hold it)
            anonymous=True,
            address_string="Cầu\x01 tràn",
        ),
    )
    assert letter.case is not None
    top = xml(client.get(f"{REQUESTS}/{letter.case.tracking_code}.xml").content)
    assert top.findtext("request/description") == "Rác thải ở suối"
    assert top.findtext("request/address") == "Cầu tràn"


# --- what a submission answers -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_submission_answers_only_its_own_request(post, fmt) -> None:
    filed = post(fmt, first_name="Hoa", last_name="Đàm Thị", phone="0987654321", email="dan@example.vn")
    assert filed.status_code == 201, filed.content
    letter = Letter.objects.get()
    assert letter.case is not None
    if fmt == "xml":
        (request,) = xml(filed.content)
        answer = {child.tag: child.text for child in request}
    else:
        (answer,) = filed.json()
    assert set(answer) == {"service_request_id", "service_notice", "account_id"}
    assert answer["service_request_id"] == letter.case.tracking_code
    assert "Đàm" not in filed.content.decode() and "0987654321" not in filed.content.decode()


def test_a_case_shows_only_what_was_filed_through_open311(tree, personas, client) -> None:
    def intake(channel: str, content: str, address: str, **more: Any) -> services.Intake:
        return services.Intake(
            received_on=timezone.localdate(),
            channel=channel,
            kind=rules.LetterKind.REPORT,
            subject=Subject.objects.get(name="Môi trường"),
            content=content,
            address_string=address,
            **more,
        )

    desk = services.receive_letter(
        actor=personas.officer_a,
        unit=tree.commune_a,
        intake=intake(
            rules.Channel.IN_PERSON, "Nội dung trình bày tại trụ sở", "Nhà riêng số 5", sender_name="Lê Văn B"
        ),
    )
    assert desk.case is not None
    services.receive_letter(
        actor=personas.officer_a,
        unit=tree.commune_a,
        intake=intake(rules.Channel.OPEN311, "Rác đổ ở cầu tràn", "Cầu tràn", anonymous=True),
        case=desk.case,
    )
    (row,) = client.get(f"{REQUESTS}/{desk.case.tracking_code}.json").json()
    assert (row["description"], row["address"]) == ("Rác đổ ở cầu tràn", "Cầu tràn")
    assert "Nhà riêng" not in str(row) and "trụ sở" not in str(row)
