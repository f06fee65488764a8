"""What DanVan suggests while an officer enters a letter (issue 11), and what was recorded once it is in.

While the letter is typed, :func:`for_intake` answers with the existing cases most likely about the same
matter (each with its score and the reason in Vietnamese: "cùng người gửi; cùng thôn Nà Săm; nội dung
giống 87%"), the kind, field and competent body the classifier suggests (:mod:`.classify`), and what the
officer should know about the text itself (a legacy font encoding, another script, a NUL). The desk's page
(``petitions/intake/suggestions/``) and the API (``POST /api/v1/letters/suggestions``) give the same answer.

A suggestion helps, it never blocks: odd text (empty, 1 MB, control characters, another script) gives no
suggestion and perhaps a warning, never an error. What is shown follows the hardening rule (issue 10): a
case only to someone who may work on it, a sealed one (tố cáo) only to its handlers and leader (Luật Tố
cáo 2018, Điều 47; :func:`duplicates.may_be_shown`).

The officer's decision (join a case, or confirm the letter is new) goes to ``services.receive_letter``,
which records it (``Suggestion``); :func:`recorded` tells him what was recorded, filtered the same way.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from danvan.accounts import access, roles
from danvan.core.text import format_number
from danvan.matching import text as matching_text
from danvan.petitions import classify, duplicates, rules
from danvan.petitions.models import Case, Letter, Subject, Suggestion
from danvan.units.models import Unit

if TYPE_CHECKING:
    from danvan.accounts.models import User

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: The page asks once the content has this many characters: fewer name no matter to compare.
MIN_CONTENT = 20
#: The matcher reads the beginning of a long text only (a pasted file of 1 MB must not hold up intake).
MAX_CONTENT = matching_text.MAX_CHARS
#: The sender's fields as the reception book holds them.
MAX_FIELD = 255

#: Characters no letter carries: C0 controls but tab and line breaks, DEL, and lone UTF-16 surrogates
#: (a JSON body may hold one, and no database column can).
_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_FIELD_LABELS = {
    "content": "Tóm tắt nội dung",
    "sender_name": "Họ tên người gửi",
    "sender_id_number": "Số định danh cá nhân (CCCD)",
    "sender_address": "Địa chỉ",
}
NOT_AVAILABLE = "Chưa tìm được gợi ý lúc này; vẫn vào sổ đơn được như thường."


def _readable(value: Any, limit: int) -> str:
    """``value`` as text the matcher can read: at most ``limit`` characters, without the unreadable ones."""
    text = value if isinstance(value, str) else ""
    return _UNREADABLE.sub(" ", text[:limit])


def _text_warnings(fields: dict[str, Any]) -> list[str]:
    """What the officer should fix before the letter can go into the book (the service refuses a NUL)."""
    out = []
    for name, value in fields.items():
        if isinstance(value, str) and "\x00" in value[: MAX_CONTENT * 2]:
            out.append(f"“{_FIELD_LABELS[name]}” có ký tự không hợp lệ (NUL): xoá ký tự đó thì mới vào sổ được.")
    content = fields["content"]
    if isinstance(content, str) and len(content) > MAX_CONTENT:
        out.append(f"Nội dung dài hơn {format_number(MAX_CONTENT)} ký tự: chỉ phần đầu được so với đơn đã có.")
    return out


def for_intake(
    user: User,
    unit: Unit,
    *,
    content: str,
    sender_name: str,
    sender_id_number: str,
    sender_address: str,
    kind: str = "",
    subject: Subject | None = None,
    anonymous: bool = False,
) -> dict[str, Any]:
    """The suggestions for a letter being entered at ``unit`` by ``user``, JSON-ready:
    ``{"cases": [...], "classification": {...} or None, "warnings": [...]}``.

    Only someone who may enter letters there asks (``PermissionDenied`` otherwise); whatever the text,
    the answer is an answer. ``kind`` and ``subject`` are what the officer chose, if he did (the
    classifier keeps them and routes from them)."""
    access.require(user, roles.PETITIONS.edit, unit, "Bạn không có quyền vào sổ đơn của đơn vị này.")
    raw = {"content": content, "sender_name": sender_name, "sender_id_number": sender_id_number,
           "sender_address": sender_address}  # fmt: skip
    warnings = _text_warnings(raw)
    text = _readable(content, MAX_CONTENT)
    name, id_number, address = (_readable(v, MAX_FIELD) for v in (sender_name, sender_id_number, sender_address))
    kind = kind if kind in rules.KIND_LABELS else ""
    cases: list[dict[str, Any]] = []
    classification: dict[str, Any] | None = None
    if len(text.strip()) >= MIN_CONTENT:
        warnings += _safely("text", lambda: duplicates.warnings(text), list[str](), warnings)
        record = duplicates.new_record(
            unit=unit,
            content=text,
            sender_name="" if anonymous else name,
            sender_id="" if anonymous else id_number,
            address=address,
        )
        nothing: list[duplicates.CaseSuggestion] = []
        found = _safely("duplicates", lambda: duplicates.suggest(user, unit, record), nothing, warnings)
        cases = [case_json(s.case, s.match.score, s.reason, s.joinable) for s in found]
        classification = _safely("classification", lambda: _classification(unit, text, kind, subject), None, warnings)
    return {"cases": cases, "classification": classification, "warnings": list(dict.fromkeys(warnings))}


def _safely(what: str, ask: Callable[[], T], default: T, warnings: list[str]) -> T:
    """``ask()``, or ``default`` and a warning if it fails: a suggestion never stops intake."""
    try:
        # A savepoint: a failed query must not poison the request's transaction (PostgreSQL).
        with transaction.atomic():
            return ask()
    except Exception:
        logger.exception("intake suggestions: %s failed", what)
        if NOT_AVAILABLE not in warnings:
            warnings.append(NOT_AVAILABLE)
        return default


def _classification(unit: Unit, content: str, kind: str, subject: Subject | None) -> dict[str, Any] | None:
    """The classifier's answer (kind, field, competent body, each with its reason), or None if it has none."""
    answer = classify.suggest(unit=unit, content=content, kind=kind, subject=subject)
    if not (answer.kind or answer.subject is not None or answer.body):
        return None
    return {
        "kind": answer.kind,
        "kind_label": rules.KIND_LABELS[rules.LetterKind(answer.kind)] if answer.kind in rules.KIND_LABELS else "",
        "kind_reason": answer.kind_reason,
        "subject_id": answer.subject.pk if answer.subject is not None else None,
        "subject": answer.subject.name if answer.subject is not None else "",
        "subject_reason": answer.subject_reason,
        "body": answer.body,
        "handling": answer.handling,
        "basis": answer.basis,
        "rule_id": answer.rule_id,
    }


def case_json(case: Case, score: float, reason: str, joinable: bool) -> dict[str, Any]:
    """One suggested case as the page and the API show it. A case of another unit cannot take the letter
    here: it is shown so that the officer sees the letter was also sent there (DOMAIN §1.3)."""
    unit = case.unit
    return {
        "case_id": case.pk,
        "number": case.number,
        "unit": {"code": unit.code, "name": unit.name, "level": unit.level},
        "status": case.status,
        "status_label": rules.STATUS_LABELS[rules.Status(case.status)],
        "kind": case.kind,
        "kind_label": rules.KIND_LABELS[rules.LetterKind(case.kind)],
        "score": score,
        "percent": round(score * 100),
        "reason": reason,
        "joinable": joinable,
        "note": "" if joinable else f"đơn vị khác: đơn cũng đã gửi đến {unit.name}",
        "url": reverse("case_detail", args=[case.pk]),
    }


def case_to_join(user: User, unit: Unit, case_id: int) -> Case:
    """The case the officer chose to attach the letter to: one he may work on, of the receiving unit
    (``receive_letter`` checks both again). A case he may not see is refused as one that does not exist."""
    case = Case.objects.select_related("unit").filter(pk=case_id).first()
    if case is None or not access.can(user, roles.PETITIONS.edit, case):
        raise ValidationError({"case_id": f"Gộp vào vụ việc: không có vụ việc số {case_id} mà bạn được gộp đơn vào."})
    if case.unit_id != unit.pk:
        raise ValidationError(
            {"case_id": f"Gộp vào vụ việc: vụ việc {case.number} thuộc {case.unit.name}, "
                        f"đơn của {unit.name} không gộp vào được."}
        )  # fmt: skip
    return case


def recorded(user: User, letter: Letter) -> dict[str, Any]:
    """What was recorded about the suggestions when ``letter`` was entered, as ``user`` may be told it:
    ``{"decision": "joined" | "new" | "pending" | "none", "decision_label", "cases": [...]}``.

    A suggestion ``user`` may not see is left out, and a pending decision on it reads "none": otherwise the
    answer would tell a guesser that a sealed case looks like his letter (Luật Tố cáo 2018, Điều 47)."""
    D = Suggestion.Decision
    suggestion = Suggestion.objects.filter(letter=letter).first()
    entries = suggestion.cases if suggestion is not None else []
    ids = [e["letter"] for e in entries if isinstance(e, dict) and isinstance(e.get("letter"), int)]
    letters = {x.pk: x for x in Letter.objects.select_related("case__unit").filter(pk__in=ids)}
    cases = []
    for entry in entries:
        earlier = letters.get(entry.get("letter")) if isinstance(entry, dict) else None
        if earlier is None or earlier.case is None or not duplicates.may_be_shown(user, earlier):
            continue
        case = earlier.case
        cases.append(case_json(case, float(entry.get("score", 0)), str(entry.get("reason", "")),
                               case.unit_id == letter.unit_id))  # fmt: skip
    decision = D(suggestion.decision) if suggestion is not None else D.NONE
    if decision == D.PENDING:
        similar = letter.similar_to
        if similar is None or not duplicates.may_be_shown(user, similar):
            decision = D.NONE
    return {"decision": decision.value, "decision_label": decision.label, "cases": cases}
