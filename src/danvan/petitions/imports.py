"""Import the letters of an earlier register into the backlog (đơn chưa phân vụ việc), from Excel.

The first row names the columns (order free; case and accents ignored):

=====================  ==============================================================================
Ngày nhận              date (dd/mm/yyyy or an Excel date), required
Nguồn đơn              Qua bưu chính, Trực tiếp…, required (the channel's name, a unique part of it
                       such as "Bưu chính", or its code)
Cơ quan chuyển đến     who forwarded it, required for a letter forwarded by a deputy, the council,
                       the Front, the press or another body
Loại đơn               Khiếu nại, Tố cáo, Kiến nghị, Phản ánh, Nhiều nội dung, required
Lĩnh vực               a field of the administrator's list (Đất đai…), required
Nội dung               the content (a summary), required
Họ tên người gửi       required unless the letter is anonymous
Nặc danh               Có / Không, optional
Số CCCD                the sender's personal ID number, optional
Địa chỉ                optional
Điện thoại             optional
Số người cùng ký       a number, 1 when empty
Số người đại diện      of a crowd received in person (Luật Tiếp công dân, Điều 29), 0 when empty
Mã đơn vị, Đơn vị      the receiving unit by its official code or its name (a hamlet by its name, and
                       by the code of its commune when two hamlets share a name), within the
                       officer's scope; the working unit when both are empty
=====================  ==============================================================================

Up to 20.000 rows. This module only reads the sheet: it turns text into units, channels, kinds and
fields. Every rule of a letter is the intake's (:func:`danvan.petitions.services.intake_errors`) and the
letters are written by :func:`danvan.petitions.backlog.enter_letters`: all rows or none, in no case, one
event each. The staged-import engine (:mod:`danvan.core.imports`) does the rest.

The conditions of processing were not kept by earlier registers: they are presumed met for a named
letter, as for a citizen's online submission (:func:`services.submission_conditions`), and the officer
examines them again when the case is classified (TT 05/2021/TT-TTCP).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from danvan.accounts import access, roles
from danvan.core import imports
from danvan.core.exports import sheet_cell
from danvan.core.imports import Column, Importer, ImportRejected, Limits, Parsed, Row, RowError
from danvan.core.text import fold
from danvan.matching.text import words
from danvan.petitions import backlog, rules, services
from danvan.petitions.backlog import BacklogRow
from danvan.petitions.models import Letter, Subject
from danvan.units.models import Unit
from danvan.units.selectors import UnitCodeNotFound, unit_by_code

if TYPE_CHECKING:
    from danvan.accounts.models import User

COLUMNS = {
    "received_on": "Ngày nhận",
    "channel": "Nguồn đơn",
    "forwarded_by": "Cơ quan chuyển đến",
    "kind": "Loại đơn",
    "subject": "Lĩnh vực",
    "content": "Nội dung",
    "sender_name": "Họ tên người gửi",
    "anonymous": "Nặc danh",
    "sender_id_number": "Số CCCD",
    "sender_address": "Địa chỉ",
    "sender_phone": "Điện thoại",
    "co_signers": "Số người cùng ký",
    "representatives": "Số người đại diện",
    "unit_code": "Mã đơn vị",
    "unit_name": "Đơn vị",
}
REQUIRED = ("received_on", "channel", "kind", "subject", "content")
YES = frozenset({"co", "x", "1", "dung", "yes"})
NO = frozenset({"khong", "0", "", "no"})

#: The service's field names → the sheet's columns, to name the column of a refused row.
SERVICE_LABELS = {**COLUMNS, "subject_id": COLUMNS["subject"], "unit": COLUMNS["unit_code"]}


def _max_length(model: type[Letter] | type[Unit] | type[Subject], name: str) -> int:
    limit = getattr(model._meta.get_field(name), "max_length", None)
    return limit if isinstance(limit, int) else imports.TEXT_MAX_LENGTH


def _columns() -> tuple[Column, ...]:
    lengths = {
        "received_on": 32,
        "channel": 64,
        "kind": 32,
        "subject": _max_length(Subject, "name"),
        "anonymous": 8,
        "co_signers": 8,
        "representatives": 8,
        "unit_code": _max_length(Unit, "code"),
        "unit_name": _max_length(Unit, "name"),
    }
    return tuple(
        Column(key, label, required=key in REQUIRED, max_length=lengths.get(key) or _max_length(Letter, key))
        for key, label in COLUMNS.items()
    )


#: Abbreviations of the bodies that forward letters, as registers write them (the matcher's own list has
#: the others: HĐND, MTTQ, UBND…).
_BODIES = {"dbqh": "dai bieu quoc hoi", "qh": "quoc hoi"}


def _key(text: str) -> str:
    """``text`` compared: folded, abbreviations spelt out ("HĐND" → "hoi dong nhan dan")."""
    return " ".join(_BODIES.get(word, word) for word in words(text))


def _choice(text: str, labels: dict[str, str], *, partial: bool = True) -> tuple[str | None, list[str]]:
    """A code of ``labels`` from its code, its label, or (``partial``) a unique part of its label, all
    folded with abbreviations spelt out; else the candidates (several, or all)."""
    key = _key(text)
    for code, label in labels.items():
        if key in (fold(code), _key(label)):
            return code, []
    found = [code for code, label in labels.items() if partial and key and key in _key(label)]
    if len(found) == 1:
        return found[0], []
    return None, [labels[code] for code in found] or list(labels.values())


def _quoted(names: Iterable[str]) -> str:
    return "; ".join(f"“{name}”" for name in names)


def _normalise_code(code: str) -> str:
    if code.isdigit():
        return code.zfill(5) if len(code) > 2 else code.zfill(2)
    return code


def importer(actor: User | Any, default_unit: Unit | None) -> Importer[BacklogRow, list[Letter]]:
    """The register sheet: each row parsed into a :class:`BacklogRow`; the backlog service checks and writes."""
    today = timezone.localdate()
    subjects = {fold(s.name): s for s in Subject.objects.filter(active=True)}
    channels = {str(code): label for code, label in rules.CHANNEL_LABELS.items()}
    kinds = {str(code): label for code, label in rules.KIND_LABELS.items()}
    scope = access.scope_for(actor, roles.PETITIONS.edit)
    found: dict[tuple[str, str], Unit | str] = {}

    def in_scope(unit: Unit) -> bool:
        return scope.covers(unit.path) and unit.is_valid_on(today)

    def unit_for(code: str, name: str) -> Unit | str:
        """The unit, or why there is none (out of scope reads as "none", as everywhere)."""
        if (code, name) in found:
            return found[(code, name)]
        answer: Unit | str
        base: Unit | None = None
        if code:
            try:
                base = unit_by_code(code, as_of=today)
            except UnitCodeNotFound:
                base = None
            if base is None or not in_scope(base):
                found[(code, name)] = answer = f"không có đơn vị mã “{code}” hiện hành trong phạm vi của bạn."
                return answer
        if not name:
            assert base is not None
            found[(code, name)] = base
            return base
        units = Unit.objects.valid_on(today).filter(scope.q("path"))
        if base is not None:
            units = units.filter(path__startswith=base.path)
        wanted = fold(name)
        matches = [u for u in units.search(name) if wanted in (fold(u.name), fold(u.short_name))]
        if base is not None and len(matches) > 1:
            matches = [u for u in matches if u.pk == base.pk] or matches
        if len(matches) == 1:
            answer = matches[0]
        elif not matches:
            where = f" thuộc {base.name}" if base is not None else ""
            answer = f"không có đơn vị “{name}”{where} trong phạm vi của bạn."
        else:
            names = _quoted(u.name for u in matches[:5])
            answer = f"có {len(matches)} đơn vị tên “{name}” ({names}): ghi thêm Mã đơn vị."
        found[(code, name)] = answer
        return answer

    def parse(row: Row) -> BacklogRow | list[RowError]:
        errors: list[RowError] = []

        def number(key: str, default: int) -> int:
            text = row.text(key)
            if not text:
                return default
            try:
                return int(text)
            except ValueError:
                errors.append(row.error(key, f"“{text}” không phải một số (ví dụ 1, 5)."))
                return default

        received_on = row.date("received_on", errors)
        channel, options = _choice(row.text("channel"), channels)
        if channel is None:
            errors.append(row.error("channel", f"“{row.text('channel')}” phải là một trong: {_quoted(options)}."))
        kind, options = _choice(row.text("kind"), kinds, partial=False)
        if kind is None:
            errors.append(row.error("kind", f"“{row.text('kind')}” phải là một trong: {_quoted(options)}."))
        subject = subjects.get(fold(row.text("subject")))
        if subject is None:
            names = _quoted(s.name for s in subjects.values())
            errors.append(row.error("subject", f"“{row.text('subject')}” không có trong danh mục lĩnh vực ({names})."))
        anonymous_text = fold(row.text("anonymous"))
        if anonymous_text not in YES | NO:
            errors.append(row.error("anonymous", f"“{row.text('anonymous')}” phải là “Có” hoặc “Không”."))
        co_signers = number("co_signers", 1)
        representatives = number("representatives", 0)
        code, name = _normalise_code(row.text("unit_code")), row.text("unit_name")
        unit: Unit | str | None = unit_for(code, name) if code or name else default_unit
        if unit is None:
            errors.append(row.error("unit_code", "cần ghi Mã đơn vị hoặc Đơn vị (chưa chọn đơn vị làm việc)."))
        elif isinstance(unit, str):
            errors.append(row.error("unit_code" if code else "unit_name", unit))
        if errors:
            return errors
        assert received_on is not None and channel is not None and kind is not None and subject is not None
        assert isinstance(unit, Unit)
        anonymous = anonymous_text in YES
        sender = row.text("sender_name")
        intake = services.Intake(
            received_on=received_on,
            channel=channel,
            kind=kind,
            subject=subject,
            content=row.text("content"),
            sender_name=sender,
            sender_id_number=row.text("sender_id_number"),
            sender_address=row.text("sender_address"),
            sender_phone=row.text("sender_phone"),
            co_signers=co_signers,
            representatives=representatives,
            anonymous=anonymous,
            forwarded_by=row.text("forwarded_by"),
            conditions_met=services.submission_conditions(named=bool(sender) and not anonymous),
        )
        return BacklogRow(unit=unit, intake=intake)

    def refused(parsed: list[Parsed[BacklogRow]], rows: dict[int, dict[str, list[str]]]) -> list[RowError]:
        return [
            error
            for index, by_field in sorted(rows.items())
            for error in imports.errors_from(parsed[index].row, by_field, SERVICE_LABELS)
        ]

    def check(parsed: list[Parsed[BacklogRow]]) -> list[RowError]:
        return refused(parsed, backlog.backlog_errors(actor=actor, rows=[p.value for p in parsed]))

    def apply(parsed: list[Parsed[BacklogRow]]) -> list[Letter]:
        try:
            return backlog.enter_letters(actor=actor, rows=[p.value for p in parsed])
        except backlog.BacklogRefused as exc:
            raise ImportRejected(refused(parsed, exc.rows)) from exc
        except ValidationError as exc:
            raise ImportRejected(imports.errors_from(0, exc, {})) from exc

    return Importer(columns=_columns(), parse=parse, check=check, apply=apply, limits=Limits())


@dataclass
class Preview:
    """What the officer sees before committing: how many letters, by unit and kind, and the first of them."""

    rows: list[BacklogRow]

    @property
    def count(self) -> int:
        return len(self.rows)

    def by_unit(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.unit.name] = counts.get(row.unit.name, 0) + 1
        return sorted(counts.items())

    def sample(self, size: int = 20) -> list[dict[str, Any]]:
        """The first rows as the preview table shows them; a denouncer's name is not shown."""
        return [
            {
                "received_on": r.intake.received_on,
                "unit": r.unit,
                "kind": rules.KIND_LABELS[rules.LetterKind(r.intake.kind)],
                "sender": services.SEALED if rules.is_sealed(r.intake.kind) else (
                    "Nặc danh" if r.intake.anonymous else r.intake.sender_name),
                "content": r.intake.content,
            }
            for r in self.rows[:size]
        ]  # fmt: skip


def read_rows(stream: IO[bytes], actor: User | Any, default_unit: Unit | None) -> Preview:
    """Check the whole sheet, nothing written; :class:`ImportRejected` lists every bad cell."""
    return Preview(imports.stage(importer(actor, default_unit), stream).values)


def import_letters(*, actor: User | Any, stream: IO[bytes], default_unit: Unit | None) -> list[Letter]:
    """Check the whole sheet, then enter every letter into the backlog (all rows or none)."""
    return imports.run(importer(actor, default_unit), stream)


def template_bytes() -> bytes:
    """The empty sheet to fill in: the headers on the first sheet (the one read), the accepted values on
    a second one."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đơn thư")
    bold = Font(bold=True)
    sheet.append([sheet_cell(sheet, label, bold) for label in COLUMNS.values()])
    guide = workbook.create_sheet("Hướng dẫn")
    guide.append([sheet_cell(guide, "Cột", bold), sheet_cell(guide, "Cách ghi", bold)])
    notes = {
        "received_on": "Ngày, dạng dd/mm/yyyy (bắt buộc).",
        "channel": "Một trong: " + "; ".join(rules.CHANNEL_LABELS.values()) + " (bắt buộc).",
        "forwarded_by": "Bắt buộc với đơn do đại biểu, HĐND, Mặt trận, báo chí, cơ quan khác chuyển đến.",
        "kind": "Một trong: " + "; ".join(rules.KIND_LABELS.values()) + " (bắt buộc).",
        "subject": "Một trong: " + "; ".join(s.name for s in Subject.objects.filter(active=True)) + " (bắt buộc).",
        "content": "Tóm tắt nội dung đơn (bắt buộc).",
        "sender_name": "Bắt buộc, trừ đơn nặc danh.",
        "anonymous": "Có hoặc Không (để trống: Không).",
        "sender_id_number": "Số định danh cá nhân (CCCD), 12 chữ số.",
        "co_signers": "Số người cùng ký (để trống: 1); từ 5 người là đơn đông người.",
        "representatives": "Đoàn đông người đến trực tiếp: số người đại diện (5–10 người cử 1–2; trên 10 người "
        "không quá 5).",
        "unit_code": "Mã đơn vị hành chính nhận đơn (xã, phường, tỉnh).",
        "unit_name": "Hoặc tên đơn vị (thôn, tổ dân phố ghi kèm Mã đơn vị của xã); để trống cả hai: đơn vị làm việc.",
    }
    for key, label in COLUMNS.items():
        guide.append([sheet_cell(guide, label), sheet_cell(guide, notes.get(key, "Không bắt buộc."))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
