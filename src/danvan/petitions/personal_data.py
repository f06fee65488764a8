"""A citizen's personal data in reception and petitions: find it, export it for them, anonymise it.

Legal basis (tags as in DOMAIN §0.1):

* the data subject's rights — to be told what is processed, to see it, to have it provided, to have it
  erased — Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (in force 01/01/2026), Điều 4 [V3: the Lào Cai
  legal-dissemination page; not read in the law's text], detailed by Nghị định 356/2025/NĐ-CP, which
  replaced Nghị định 13/2023/NĐ-CP from 01/01/2026 [V3: law firms' notes]. Before 2026: NĐ 13/2023,
  Điều 9 (rights) and Điều 16 (lưu trữ, xóa, hủy) [V: published text].
* why the agency holds the data without consent, and may not drop it at will — its duty of citizen
  reception and letter handling: Luật Tiếp công dân 2013, Luật Khiếu nại 2011, Luật Tố cáo 2018 [V].
* the archive duty — a case file is kept under the archives law: Luật Khiếu nại 2011, Điều 34.2 (the
  file "được lưu giữ theo quy định của pháp luật"), Luật Tố cáo 2018, Điều 39 (kept "bảo đảm bí mật
  thông tin về người tố cáo") [V Pháp điển]; Luật Lưu trữ 2024 (21/06/2024) [V3]; the keeping periods
  of the inspection sector's files, Thông tư 01/2025/TT-TTCP (19/06/2025, from 01/07/2025) [V3, press;
  the rows for complaint and denunciation files were not read, so the period is a setting, see
  :data:`KEEPING_RULES`]. Personal data is erased when its keeping period under the law has run out
  (Luật 91/2025/QH15, on erasure [V3 press; article not verified]); before that, erasure is refused
  with the reason.
* a denouncer's identity is sealed (Luật Tố cáo 2018, Điều 47) [V]: a sealed letter is found, exported
  or erased only by whom may see that identity (:func:`services.may_see_identity`), or by the system
  actor of the command line, so that a search by ID number tells nobody else that this person denounced.

The right: the area's decide right (``petitions.decide``) within its scope — the unit's leader answers a
data subject's request for the agency that holds the data; a system administrator holds it everywhere.
An officer (edit) handles cases but does not answer for the agency; a unit administrator manages
accounts, not the content of letters (``roles.py`` gives it only the view right). Every export and
erasure is logged in :class:`danvan.core.models.PersonalDataAccess` with a reason; a refused one writes
nothing.

A person is matched by ID number (CCCD, CMND, passport), phone or e-mail, each normalised and compared
exactly — never fuzzily, never by name. A letter that carries a different ID number from the one given
is someone else's, even with the same phone or e-mail (a household's phone).

Erasure anonymises, it does not delete: the letters and cases stay, so every statistic
(:func:`selectors.stats_for`) gives the same figures. The sender's name becomes "Đã ẩn danh", the ID
number, phone, e-mail and address are blanked; the letter's content and its attachments are kept —
they are the file the archive duty keeps — with the person's own identifiers taken out of the text
where they appear word for word, and the case's timeline says that the content was kept and may still
hold personal data. The case's history rows (simple-history), the timeline's notes, pauses' reasons,
attachments' titles and identity-reveal reasons get the same treatment.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Lower, Replace, Trim, Upper
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core import identifiers
from danvan.core.actors import SystemActor
from danvan.core.models import Event, PersonalDataAccess
from danvan.core.services import record_event
from danvan.core.text import format_date, format_datetime, nfc
from danvan.petitions import rules, services
from danvan.petitions.models import Attachment, Case, IdentityReveal, Letter, Pause

#: The right that exports and erases a citizen's data (see the module's docstring for the choice).
RIGHT = roles.PETITIONS.decide
#: The sender's name after erasure: the mark that the letter was anonymised.
ANONYMISED = "Đã ẩn danh"
#: What replaces the person's identifiers inside kept text.
REDACTED = "[đã ẩn danh]"
#: The setting that overrides the keeping period of a case file, in years.
KEEP_YEARS_SETTING = "DANVAN_PETITION_FILE_KEEP_YEARS"

NO_RIGHT = (
    "Trích xuất, ẩn danh dữ liệu cá nhân cần quyền của lãnh đạo đơn vị (quyết định về đơn thư) hoặc quản trị hệ thống."
)
NOT_FOUND = "Không có đơn thư nào của người có thông tin này trong phạm vi của bạn."


# --- identifiers: normalised, compared exactly ---------------------------------------------------------

_ID_NUMBER = re.compile(r"^[0-9A-Z]{6,20}$")  # CCCD 12 digits, CMND 9, passport a letter and 7 digits
_PHONE = re.compile(r"^0\d{8,10}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ID_SEPARATORS = (" ", ".", "-")
_PHONE_SEPARATORS = (" ", ".", "-", "(", ")", "+")


def normalise_id_number(value: str) -> str:
    """ "001 099.000-111" → "001099000111"; a passport's letters upper-case."""
    return re.sub(r"[\s.\-]", "", nfc(value)).upper()


def normalise_phone(value: str) -> str:
    """Digits only, the country code as a leading 0: "+84 912 345 678" → "0912345678"."""
    digits = re.sub(r"\D", "", nfc(value))
    if digits.startswith("0084"):
        digits = "0" + digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def normalise_email(value: str) -> str:
    return nfc(value).strip().lower()


@dataclass(frozen=True)
class Identifiers:
    """What identifies the person asked about, normalised; any may be empty, not all."""

    id_number: str = ""
    phone: str = ""
    email: str = ""

    @classmethod
    def given(cls, *, id_number: str = "", phone: str = "", email: str = "") -> Identifiers:
        """The identifiers a request gives, checked: a refusal names the field."""
        ids = cls(normalise_id_number(id_number), normalise_phone(phone), normalise_email(email))
        errors: dict[str, str] = {}
        if ids.id_number and not _ID_NUMBER.match(ids.id_number):
            errors["id_number"] = "Số định danh cá nhân (CCCD, CMND, hộ chiếu) không hợp lệ."
        if ids.phone and not _PHONE.match(ids.phone):
            errors["phone"] = "Số điện thoại không hợp lệ."
        if ids.email and not _EMAIL.match(ids.email):
            errors["email"] = "Địa chỉ thư điện tử không hợp lệ."
        if not (ids.id_number or ids.phone or ids.email):
            errors["id_number"] = "Cần số định danh cá nhân, số điện thoại hoặc thư điện tử: không tìm theo họ tên."
        if errors:
            raise ValidationError(errors)
        return ids

    @classmethod
    def of_letter(cls, letter: Letter) -> Identifiers:
        return cls(
            normalise_id_number(letter.sender_id_number),
            normalise_phone(letter.sender_phone),
            normalise_email(letter.sender_email),
        )

    def masked(self) -> str:
        """Whose data, for the log: enough to tell requests apart, not enough to be an identity."""
        parts = []
        if self.id_number:
            parts.append(f"Số định danh …{self.id_number[-4:]}")
        if self.phone:
            parts.append(f"Điện thoại …{self.phone[-3:]}")
        if self.email:
            local, _, domain = self.email.partition("@")
            parts.append(f"Thư điện tử {local[:1]}…@{domain}")
        return "; ".join(parts)


def matched_by(letter: Identifiers, wanted: Identifiers) -> tuple[str, ...]:
    """Which of ``wanted``'s identifiers the letter carries, exactly; none if it is someone else's.

    A letter with another ID number than the one asked for belongs to another person, whatever else it
    shares: people of one household share a phone, never an ID number."""
    if wanted.id_number and letter.id_number and letter.id_number != wanted.id_number:
        return ()
    return tuple(
        name
        for name, asked, held in (
            ("id_number", wanted.id_number, letter.id_number),
            ("phone", wanted.phone, letter.phone),
            ("email", wanted.email, letter.email),
        )
        if asked and held == asked
    )


MATCH_LABELS = {"id_number": "số định danh cá nhân", "phone": "số điện thoại", "email": "thư điện tử"}


def _normalised(column: str, separators: tuple[str, ...], case: type[Upper] | type[Lower]) -> Any:
    expression: Any = case(column)
    for separator in separators:
        expression = Replace(expression, Value(separator), Value(""))
    return expression


def _candidates(qs: QuerySet[Letter], wanted: Identifiers) -> QuerySet[Letter]:
    """The letters holding one of the identifiers, normalised in SQL the way :class:`Identifiers` does
    (the exact check, the country code and the ID-number rule follow in Python)."""
    qs = qs.annotate(
        _id=_normalised("sender_id_number", _ID_SEPARATORS, Upper),
        _phone=_normalised("sender_phone", _PHONE_SEPARATORS, Upper),
        _email=Lower(Trim("sender_email")),
    )
    q = Q(pk__in=[])
    if wanted.id_number:
        q |= Q(_id=wanted.id_number)
    if wanted.phone:
        q |= Q(_phone__in=[wanted.phone, "84" + wanted.phone[1:], "0084" + wanted.phone[1:]])
    if wanted.email:
        q |= Q(_email=wanted.email)
    return qs.filter(q)


def _may_see_sender(actor: Any, letter: Letter) -> bool:
    """A sealed letter only for whom may see its denouncer (Luật Tố cáo 2018, Điều 47); the command line's
    system actor answers for the agency as a whole."""
    if isinstance(actor, SystemActor):
        return True
    return services.may_see_identity(actor, letter)


def letters_of(actor: Any, wanted: Identifiers) -> list[tuple[Letter, tuple[str, ...]]]:
    """The person's letters that ``actor`` may export or erase, each with what matched it."""
    qs = Letter.objects.visible_to(actor, RIGHT).select_related("unit", "subject", "case", "case__unit")
    found = []
    for letter in _candidates(qs, wanted).order_by("received_on", "pk"):
        how = matched_by(Identifiers.of_letter(letter), wanted)
        if how and letter.sender_name != ANONYMISED and _may_see_sender(actor, letter):
            found.append((letter, how))
    return found


# --- the keeping period (archive duty) -----------------------------------------------------------------


@dataclass(frozen=True)
class KeepingRule:
    code: str
    label: str
    #: ``None``: the setting :data:`KEEP_YEARS_SETTING`, else :data:`DEFAULT_CASE_FILE_YEARS`.
    years: int | None
    basis: str


#: A conservative default: TT 01/2025/TT-TTCP keeps an inspection file 20 years ("vụ việc khác") and a
#: serious one permanently [V3 press]; its rows for complaint and denunciation files were not read [?].
DEFAULT_CASE_FILE_YEARS = 20

FILED_UNFIT = KeepingRule(
    "don_xep_luu",
    "Đơn không đủ điều kiện xử lý, đã xếp lưu",
    1,
    "Thông tư 07/2014/TT-TTCP, Điều 28.2 (lưu một năm, thủ trưởng quyết định tiêu hủy) [V Pháp điển]; "
    "Thông tư 05/2021/TT-TTCP thay thế Thông tư 07/2014, chưa đối chiếu điều tương ứng [?]",
)
CASE_FILE = KeepingRule(
    "ho_so_vu_viec",
    "Hồ sơ tiếp nhận, xử lý, giải quyết đơn thư",
    None,
    "Luật Khiếu nại 2011, Điều 34.2; Luật Tố cáo 2018, Điều 39; Luật Lưu trữ 2024; thời hạn lưu trữ theo "
    "Thông tư 01/2025/TT-TTCP [?] (cấu hình được)",
)
KEEPING_RULES = (FILED_UNFIT, CASE_FILE)


def keeping_years(rule: KeepingRule) -> int:
    if rule.years is not None:
        return rule.years
    return int(getattr(settings, KEEP_YEARS_SETTING, DEFAULT_CASE_FILE_YEARS))


def kept_until(ended: datetime.date, years: int) -> datetime.date:
    """The last day of keeping: a keeping period runs from the year the matter ended (archives practice,
    "tính từ năm công việc kết thúc") [M], so to the end of that year plus ``years``."""
    return datetime.date(ended.year + years, 12, 31)


def rule_for(case: Case | None, letters: Iterable[Letter]) -> KeepingRule:
    """A case filed with nothing but letters failing the conditions is kept one year; any other file,
    the case file's period."""
    letters = list(letters)
    if case is not None and case.route == rules.Action.FILE and letters and not any(x.eligible for x in letters):
        return FILED_UNFIT
    return CASE_FILE


def _ended_on(case: Case | None, letter: Letter) -> datetime.date:
    if case is None:
        return letter.received_on
    days = [d for d in (case.ended_on, case.resolved_on, case.decided_on) if d is not None]
    return max(days) if days else case.received_on


@dataclass(frozen=True)
class Keeping:
    """Where one letter's file stands: still handled, or kept until a day, and on what basis."""

    open: bool
    until: datetime.date | None
    rule: KeepingRule

    def describe(self) -> str:
        if self.open or self.until is None:
            return (
                "Vụ việc đang được giải quyết: hồ sơ được giữ nguyên đến khi giải quyết xong, "
                "rồi lưu trữ theo quy định."
            )
        return f"{self.rule.label}: lưu trữ đến hết ngày {format_date(self.until)} ({self.rule.basis})."


def keeping_of(letter: Letter) -> Keeping:
    case = letter.case
    rule = rule_for(case, case.letters.all() if case is not None else [letter])
    # A letter in no case waits in the backlog (backlog.py) to be handled: it is kept as an open case is.
    if case is None or case.status in rules.OPEN_STATUSES:
        return Keeping(True, None, rule)
    return Keeping(False, kept_until(_ended_on(case, letter), keeping_years(rule)), rule)


# --- export ------------------------------------------------------------------------------------------------


def _require(actor: Any, reason: str) -> str:
    access.require_actor(actor)
    if not access.can(actor, RIGHT):
        raise PermissionDenied(NO_RIGHT)
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": "Cần ghi lý do (ví dụ: yêu cầu của công dân ngày …, số phiếu …)."})
    return reason


def _actor_fields(actor: Any) -> dict[str, Any]:
    if isinstance(actor, SystemActor):
        return {"actor": None, "system": actor.reason[:120]}
    return {"actor": actor, "system": ""}


def _actor_name(actor: Any) -> str:
    if isinstance(actor, SystemActor):
        return actor.get_full_name()
    return str(actor.get_full_name() or actor.username)


def _letter_record(letter: Letter, how: tuple[str, ...]) -> dict[str, Any]:
    case = letter.case
    keeping = keeping_of(letter)
    return {
        "ma_don": letter.pk,
        "ngay_nhan": letter.received_on.isoformat(),
        "don_vi_nhan": letter.unit.name,
        "nguon_don": rules.CHANNEL_LABELS.get(rules.Channel(letter.channel), letter.channel),
        "loai_don": rules.KIND_LABELS[rules.LetterKind(letter.kind)],
        "linh_vuc": letter.subject.name,
        "khop_theo": [MATCH_LABELS[h] for h in how],
        "nguoi_gui": {
            "ho_ten": letter.sender_name,
            "so_dinh_danh": letter.sender_id_number,
            "dia_chi": letter.sender_address,
            "dien_thoai": letter.sender_phone,
            "thu_dien_tu": letter.sender_email,
        },
        "so_nguoi_cung_ky": letter.co_signers,
        "noi_dung": letter.content,
        "tai_lieu_kem_theo": [
            {"tieu_de": a.title, "ngay_tai_len": timezone.localtime(a.uploaded_at).date().isoformat(), "byte": a.size}
            for a in letter.attachments.all()
        ],
        "vu_viec": None
        if case is None
        else {
            "so": case.number,
            "don_vi": case.unit.name,
            "trang_thai": rules.STATUS_LABELS[rules.Status(case.status)],
            "ngay_thu_ly": case.accepted_on.isoformat() if case.accepted_on else None,
            "ngay_quyet_dinh": case.decided_on.isoformat() if case.decided_on else None,
            "ma_tra_cuu": case.tracking_code,
        },
        "luu_giu": keeping.describe(),
    }


HELD = (
    "Họ tên, số định danh cá nhân, địa chỉ, điện thoại, thư điện tử người gửi; nội dung đơn và tài liệu kèm theo; "
    "vụ việc mà đơn thuộc về và tình trạng giải quyết."
)
PURPOSE = (
    "Tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh theo Luật Tiếp công dân 2013, "
    "Luật Khiếu nại 2011, Luật Tố cáo 2018."
)
SEALED_NOTE = (
    "Đơn tố cáo: danh tính người tố cáo được giữ bí mật (Luật Tố cáo 2018, Điều 47); đơn tố cáo chỉ có trong bản "
    "trích xuất do người được giao giải quyết vụ việc, lãnh đạo chủ trì hoặc quản trị hệ thống lập."
)


@dataclass(frozen=True)
class PersonalDataExport:
    """Everything held about one person, as data (JSON) and as text, and the log row it wrote."""

    data: dict[str, Any]
    log: PersonalDataAccess = field(repr=False)

    @property
    def letters(self) -> list[dict[str, Any]]:
        return list(self.data["don_thu"])

    def as_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=2)

    def as_text(self) -> str:
        d = self.data
        lines = [
            "TRÍCH XUẤT DỮ LIỆU CÁ NHÂN",
            f"Lập lúc: {d['lap_luc']} — người lập: {d['nguoi_lap']}",
            f"Lý do: {d['ly_do']}",
            f"Thông tin tìm: {d['thong_tin_tim']}",
            f"Dữ liệu được lưu giữ: {d['du_lieu_luu_giu']}",
            f"Mục đích, căn cứ xử lý: {d['muc_dich']}",
            d["ghi_chu"],
            "",
            f"Số đơn thư: {len(d['don_thu'])}",
        ]
        for n, x in enumerate(d["don_thu"], start=1):
            sender = x["nguoi_gui"]
            lines += [
                "",
                f"{n}. Đơn {x['loai_don'].lower()} nhận ngày {_vn(x['ngay_nhan'])} tại {x['don_vi_nhan']}"
                f" ({x['nguon_don']}; lĩnh vực {x['linh_vuc']}); khớp theo {', '.join(x['khop_theo'])}.",
                f"   Người gửi: {sender['ho_ten']}; số định danh: {sender['so_dinh_danh'] or '—'}; "
                f"địa chỉ: {sender['dia_chi'] or '—'}; điện thoại: {sender['dien_thoai'] or '—'}; "
                f"thư điện tử: {sender['thu_dien_tu'] or '—'}.",
                f"   Nội dung: {x['noi_dung']}",
            ]
            for a in x["tai_lieu_kem_theo"]:
                lines.append(f"   Tài liệu kèm theo: {a['tieu_de']} ({_vn(a['ngay_tai_len'])}).")
            case = x["vu_viec"]
            if case is not None:
                lines.append(f"   Vụ việc {case['so']} ({case['don_vi']}): {case['trang_thai']}.")
            lines.append(f"   Lưu giữ: {x['luu_giu']}")
        return "\n".join(lines) + "\n"


def _vn(iso: str) -> str:
    return format_date(datetime.date.fromisoformat(iso))


@transaction.atomic
def personal_data_export(
    actor: Any, *, reason: str, id_number: str = "", phone: str = "", email: str = ""
) -> PersonalDataExport:
    """Everything held about the person with these identifiers, within ``actor``'s scope, and the log row
    (who, when, whose data, why). A sealed letter shown to its handler or leader is also a reveal of the
    denouncer's identity and is logged as one (Luật Tố cáo 2018, Điều 47)."""
    reason = _require(actor, reason)
    wanted = Identifiers.given(id_number=id_number, phone=phone, email=email)
    found = letters_of(actor, wanted)
    now = timezone.now()
    data = {
        "lap_luc": format_datetime(now),
        "nguoi_lap": _actor_name(actor),
        "ly_do": reason,
        "thong_tin_tim": wanted.masked(),
        "du_lieu_luu_giu": HELD,
        "muc_dich": PURPOSE,
        "ghi_chu": SEALED_NOTE,
        "don_thu": [_letter_record(letter, how) for letter, how in found],
    }
    if not isinstance(actor, SystemActor):
        for letter, _how in found:
            if letter.sealed:
                IdentityReveal.objects.create(
                    letter=letter, user=actor, reason=f"Trích xuất dữ liệu cá nhân: {reason}"[:255]
                )
    log = PersonalDataAccess.objects.create(
        **_actor_fields(actor),
        action=PersonalDataAccess.Action.EXPORT,
        reason=reason,
        subject=wanted.masked(),
        rows=len(found),
        records=[f"petitions.letter:{letter.pk}" for letter, _how in found],
    )
    return PersonalDataExport(data=data, log=log)


# --- erasure (anonymisation) -----------------------------------------------------------------------------


def refusals(found: list[tuple[Letter, tuple[str, ...]]], today: datetime.date) -> list[str]:
    """Why these letters may not be anonymised yet, one sentence per case; empty if they may."""
    messages: list[str] = []
    seen: set[int | None] = set()
    for letter, _how in found:
        case = letter.case
        key = case.pk if case is not None else None
        if key in seen and key is not None:
            continue
        seen.add(key)
        keeping = keeping_of(letter)
        where = (
            f"Vụ việc {case.number} ({case.unit.name})"
            if case is not None
            else f"Đơn nhận ngày {format_date(letter.received_on)}"
        )
        if keeping.open and letter.sealed:
            messages.append(
                f"{where}: người này là người tố cáo trong vụ việc đang giải quyết — danh tính được giữ bí mật và "
                "hồ sơ phải giữ nguyên đến khi giải quyết xong (Luật Tố cáo 2018, Điều 39, Điều 47)."
            )
        elif keeping.open:
            status = rules.STATUS_LABELS[rules.Status(case.status)] if case is not None else ""
            messages.append(
                f"{where} đang giải quyết ({status.lower()}): hồ sơ phải giữ nguyên đến khi giải quyết xong "
                "(Luật Khiếu nại 2011, Điều 34; Luật Tố cáo 2018, Điều 39)."
            )
        elif keeping.until is not None and today <= keeping.until:
            messages.append(
                f"{where}: chưa hết thời hạn lưu trữ — {keeping.describe()} Dữ liệu cá nhân chỉ xóa khi hết thời "
                "hạn lưu trữ theo quy định (Luật Bảo vệ dữ liệu cá nhân 2025; Luật Lưu trữ 2024)."
            )
    return messages


class Redactor:
    """Takes the person's own identifiers out of kept text, word for word (never a fuzzy match): the
    name as written on the letter (two words or more: a single given name is also an ordinary word), the
    ID number, phone and e-mail as written and as normalised."""

    def __init__(self, letters: Iterable[Letter], wanted: Identifiers) -> None:
        terms: set[str] = {t for t in (wanted.id_number, wanted.phone, wanted.email) if len(t) >= 6}
        for letter in letters:
            name = nfc(letter.sender_name).strip()
            if len(name.split()) >= 2:
                terms.add(name)
            # Not the address: a hamlet or a street is also where the matter is, part of what is kept.
            # The phone is stored normalised ("0912345678"); the letter's text may write it as people read it.
            phone = nfc(letter.sender_phone).strip()
            for raw in (letter.sender_id_number, phone, identifiers.format_phone(phone), letter.sender_email):
                raw = nfc(raw).strip()
                if len(raw) >= 6:
                    terms.add(raw)
        ordered = sorted(terms, key=len, reverse=True)
        self.pattern = (
            re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in ordered), re.IGNORECASE) if ordered else None
        )

    def __call__(self, text: str) -> str:
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(REDACTED, nfc(text))


@dataclass(frozen=True)
class Erasure:
    letters: int
    cases: int
    history_rows: int
    events: int
    log: PersonalDataAccess = field(repr=False)

    def summary(self) -> str:
        return (
            f"Đã ẩn danh {self.letters} đơn thư thuộc {self.cases} vụ việc; {self.history_rows} bản ghi lịch sử và "
            f"{self.events} ghi chú dòng thời gian đã được ẩn các thông tin định danh. Nội dung đơn và tài liệu kèm "
            "theo được giữ lại theo nghĩa vụ lưu trữ và có thể còn dữ liệu cá nhân. Số liệu thống kê không thay đổi."
        )


def _redact_rows(qs: QuerySet[Any], column: str, redact: Redactor, key: str = "pk") -> int:
    """Rewrite ``column`` of each row where the text changes, by queryset update: the timeline and the
    history are append-only for every other purpose, and an erasure must not add a history row that
    still names the person."""
    changed = 0
    for pk, text in qs.values_list(key, column):
        new = redact(text or "")
        if new != (text or ""):
            qs.model._default_manager.filter(**{key: pk}).update(**{column: new})
            changed += 1
    return changed


IDENTITY_BLANK = {
    "sender_name": ANONYMISED,
    "sender_id_number": "",
    "sender_address": "",
    "sender_phone": "",
    "sender_email": "",
}


@transaction.atomic
def personal_data_erase(actor: Any, *, reason: str, id_number: str = "", phone: str = "", email: str = "") -> Erasure:
    """Anonymise the person's letters within ``actor``'s scope, keeping every count; refused, with the
    reasons and nothing written, while any of their cases is being handled or its file is within its
    keeping period (module docstring: the archive duty)."""
    reason = _require(actor, reason)
    wanted = Identifiers.given(id_number=id_number, phone=phone, email=email)
    found = letters_of(actor, wanted)
    if not found:
        raise ValidationError(NOT_FOUND)
    refused = refusals(found, timezone.localdate())
    if refused:
        raise ValidationError(refused)
    letters = [letter for letter, _how in found]
    redact = Redactor(letters, wanted)
    pks = [letter.pk for letter in letters]
    cases = {letter.case_id: letter.case for letter in letters if letter.case is not None}

    for letter in letters:
        Letter.objects.filter(pk=letter.pk).update(**IDENTITY_BLANK, content=redact(letter.content))
    # Letter keeps no history rows today; were it given HistoricalRecords, its rows are anonymised too.
    letter_history = getattr(Letter, "history", None)
    history_rows = 0
    if letter_history is not None:
        rows = letter_history.filter(id__in=pks)
        history_rows += _redact_rows(rows, "content", redact, key="history_id")
        history_rows += rows.update(**IDENTITY_BLANK)
    _redact_rows(Attachment.objects.filter(letter_id__in=pks), "title", redact)
    _redact_rows(IdentityReveal.objects.filter(letter_id__in=pks), "reason", redact)

    case_type = ContentType.objects.get_for_model(Case)
    events = _redact_rows(
        Event.objects.filter(content_type=case_type, object_id__in=[str(pk) for pk in cases]), "note", redact
    )
    _redact_rows(Pause.objects.filter(case_id__in=list(cases)), "reason", redact)
    _redact_rows(Case.objects.filter(pk__in=list(cases)), "summary", redact)
    history_rows += _redact_rows(Case.history.filter(id__in=list(cases)), "summary", redact, key="history_id")
    for case in cases.values():
        mine = sum(1 for letter in letters if letter.case_id == case.pk)
        record_event(
            subject=case, unit=case.unit, actor=actor, action="anonymise",
            note=f"Ẩn danh người gửi của {mine} đơn theo yêu cầu về dữ liệu cá nhân; nội dung đơn và tài liệu kèm "
            "theo được giữ lại theo nghĩa vụ lưu trữ và có thể còn dữ liệu cá nhân.",
        )  # fmt: skip
    log = PersonalDataAccess.objects.create(
        **_actor_fields(actor),
        action=PersonalDataAccess.Action.ERASE,
        reason=redact(reason),
        subject=wanted.masked(),
        rows=len(letters),
        records=[f"petitions.letter:{pk}" for pk in pks],
    )
    return Erasure(letters=len(letters), cases=len(cases), history_rows=history_rows, events=events, log=log)


# --- the command line --------------------------------------------------------------------------------------


def command_actor(command: str, username: str = "") -> Any:
    """Who runs a command: the named user, with that user's rights and scope; else the system actor of
    the administrator at the server's console, recorded with the operating-system account."""
    from getpass import getuser

    from danvan.accounts.models import User

    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise ValidationError({"user": f"Không có tài khoản đang hoạt động “{username}”."})
        return user
    try:
        operator = getuser()
    except (KeyError, OSError):
        operator = "?"
    return SystemActor(f"lệnh {command}, quản trị viên {operator}")


def error_lines(exc: ValidationError) -> list[str]:
    """A refusal's Vietnamese sentences, one per line (a field's message as it is: each names its field)."""
    if hasattr(exc, "error_dict"):
        return [str(m) for messages in exc.message_dict.values() for m in messages]
    return [str(m) for m in exc.messages]
