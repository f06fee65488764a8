"""The rules of the satisfaction survey and its index: pure functions, no database.

Method: Bộ Nội vụ, QĐ 2640/QĐ-BNV (10/10/2017) and QĐ 1001/QĐ-BNV (11/12/2023), *Phương pháp đo lường
sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước* (DOMAIN §4.1):
five service elements, each assessed by its criteria (nhận định) and by a satisfaction question (sự
hài lòng) on a five-point scale, an overall satisfaction question, and the expectations (sự mong đợi).
The index of an element, or overall, is the share of the valid answers that are "Hài lòng" or "Rất
hài lòng" (DOMAIN §4.1, formula [M]). Targets: NQ 76/NQ-CP (15/07/2021), satisfaction above 80% by
2025 and above 90% by 2030 (DOMAIN §4.1).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from django.db import models

from danvan.core.text import format_date, format_number, format_percent

K = TypeVar("K")


class ItemKind(models.TextChoices):
    CRITERION = "criterion", "Nhận định (tiêu chí)"
    ELEMENT = "element", "Hài lòng với yếu tố"
    OVERALL = "overall", "Hài lòng chung"


class Channel(models.TextChoices):
    PAPER = "paper", "Phiếu giấy"
    ONLINE = "online", "Trực tuyến"


class Comparison(models.TextChoices):
    ABOVE = "above", "trên"  # "phấn đấu đạt trên 80%": strictly more
    AT_LEAST = "at_least", "từ"  # "đạt từ 80% trở lên"


#: The five-point scale of the method (DOMAIN §4.1, [M]).
SCALE: dict[int, str] = {
    1: "Rất không hài lòng",
    2: "Không hài lòng",
    3: "Bình thường",
    4: "Hài lòng",
    5: "Rất hài lòng",
}
#: What counts towards the index: "Hài lòng" and "Rất hài lòng".
SATISFIED = frozenset({4, 5})
NO_OPINION = "Không ý kiến"
#: What a form or an import may send for "no valid answer": blank, 0, "k", "không ý kiến".
_NO_OPINION_TEXTS = frozenset({"", "0", "k", "kyk", "không ý kiến", "khong y kien", "-"})

#: How the index is shown and ranked: two decimals, "85,16%".
DISPLAY = Decimal("0.01")


def item_label(kind: str, element_order: int | None, order: int, text: str) -> str:
    """How a message names an item: "Tiêu chí 2.3 “Hồ sơ…”", "Câu hài lòng với yếu tố 2", "Câu hài lòng chung"."""
    short = text if len(text) <= 60 else text[:57] + "…"
    if kind == ItemKind.OVERALL:
        return f"Câu hài lòng chung “{short}”"
    if kind == ItemKind.ELEMENT:
        return f"Câu hài lòng với yếu tố {element_order} “{short}”"
    return f"Tiêu chí {element_order}.{order} “{short}”"


# --- answers --------------------------------------------------------------------------------------


def parse_value(raw: Any, *, label: str) -> int | None:
    """An answer as typed or sent: 1–5, or None for "không ý kiến" (blank, 0). Anything else is a
    ``ValueError`` naming the item."""
    if raw is None or isinstance(raw, bool):
        if raw is None:
            return None
        raise ValueError(f"{label}: câu trả lời phải là 1 đến 5 hoặc để trống (không ý kiến).")
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip().lower()
        if text in _NO_OPINION_TEXTS:
            return None
        if not text.isdigit():
            raise ValueError(f"{label}: “{str(raw)[:20]}” không phải mức 1 đến 5.")
        value = int(text)
    if value == 0:
        return None
    if value not in SCALE:
        raise ValueError(f"{label}: mức {value} nằm ngoài thang 1 đến 5.")
    return value


def check_answers(items: Mapping[int, str], answers: Mapping[Any, Any]) -> dict[int, int | None]:
    """Every answer against the questionnaire's items (id → label): an item that is not in it, or a
    value outside 1–5, is a ``ValueError`` naming the item. Items left out are "không ý kiến". At least
    one valid answer is needed (an empty form is not a response)."""
    checked: dict[int, int | None] = dict.fromkeys(items)
    for key, raw in answers.items():
        try:
            item = int(key)
        except (TypeError, ValueError):
            raise ValueError(f"Câu hỏi “{str(key)[:30]}” không có trong phiếu khảo sát.") from None
        if item not in items:
            raise ValueError(f"Câu hỏi số {item} không có trong phiếu khảo sát này.")
        checked[item] = parse_value(raw, label=items[item])
    if all(value is None for value in checked.values()):
        raise ValueError("Phiếu chưa có câu trả lời nào (mức 1 đến 5).")
    return checked


def check_expectations(
    questions: Mapping[int, tuple[str, int, int]], chosen: Mapping[Any, Iterable[Any]]
) -> dict[int, list[int]]:
    """The options ticked (question id → option indexes) against the questions (id → (text, number of
    options, most choices)): a question not in the questionnaire, an option it does not have, or too
    many options ticked is a ``ValueError`` naming the question."""
    out: dict[int, list[int]] = {}
    for key, options in chosen.items():
        try:
            question = int(key)
        except (TypeError, ValueError):
            raise ValueError(f"Câu hỏi mong đợi “{str(key)[:30]}” không có trong phiếu.") from None
        if question not in questions:
            raise ValueError(f"Câu hỏi mong đợi số {question} không có trong phiếu khảo sát này.")
        text, count, most = questions[question]
        picked: list[int] = []
        for raw in options:
            try:
                option = int(raw)
            except (TypeError, ValueError):
                raise ValueError(f"Câu hỏi “{text}”: lựa chọn “{str(raw)[:20]}” không có.") from None
            if not 0 <= option < count:
                raise ValueError(f"Câu hỏi “{text}”: không có lựa chọn số {option + 1}.")
            if option not in picked:
                picked.append(option)
        if len(picked) > most:
            raise ValueError(f"Câu hỏi “{text}”: chọn tối đa {most} nội dung.")
        out[question] = sorted(picked)
    return out


def check_answered_on(
    day: datetime.date, *, starts_on: datetime.date, ends_on: datetime.date, today: datetime.date
) -> None:
    """A response is dated within its campaign, and not in the future."""
    if day > today:
        raise ValueError(f"Ngày trả lời {format_date(day)} chưa tới.")
    if not starts_on <= day <= ends_on:
        raise ValueError(
            f"Ngày trả lời {format_date(day)} ngoài thời gian khảo sát "
            f"({format_date(starts_on)} – {format_date(ends_on)})."
        )


# --- the questionnaire and the campaign ----------------------------------------------------------


def check_draft(status: str) -> None:
    """A published questionnaire is not changed in structure: its items are what the answers refer to."""
    if status != "draft":
        raise ValueError("Phiếu khảo sát đã ban hành: không được thay đổi yếu tố, tiêu chí, câu hỏi.")


def check_publishable(elements: Mapping[str, bool], has_overall: bool) -> None:
    """A questionnaire is published with at least one element, each with its "hài lòng" question, and the
    overall question (the index is computed from them)."""
    if not elements:
        raise ValueError("Phiếu cần ít nhất một yếu tố dịch vụ.")
    missing = [name for name, has_item in elements.items() if not has_item]
    if missing:
        raise ValueError(f"Yếu tố “{missing[0]}” chưa có câu hỏi về sự hài lòng.")
    if not has_overall:
        raise ValueError("Phiếu chưa có câu hỏi về sự hài lòng chung.")


#: A campaign's life: planned → open → closed. A closed campaign is final: its figures are reported.
CAMPAIGN_STEPS: dict[str, set[str]] = {"planned": {"open"}, "open": {"closed"}, "closed": set()}


def check_campaign_step(current: str, target: str) -> None:
    if target not in CAMPAIGN_STEPS.get(current, set()):
        names = {"planned": "đang chuẩn bị", "open": "đang khảo sát", "closed": "đã kết thúc"}
        raise ValueError(f"Đợt khảo sát {names.get(current, current)}: không thể chuyển sang “{names.get(target)}”.")


# --- the index -------------------------------------------------------------------------------------


def index_of(satisfied: int, valid: int) -> Decimal | None:
    """The satisfaction index: answers 4 or 5 among the valid answers, in percent, to two decimals (as
    reports print it: "85,16%"). None when there is no valid answer (DOMAIN §4.1 [M])."""
    if valid <= 0:
        return None
    if not 0 <= satisfied <= valid:
        raise ValueError("Số câu hài lòng phải từ 0 đến số câu hợp lệ.")
    return (Decimal(satisfied) * 100 / valid).quantize(DISPLAY, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rank:
    position: int
    of: int

    def text(self, noun: str) -> str:
        """ "xếp thứ 32/63 tỉnh, thành phố"."""
        return f"xếp thứ {self.position}/{self.of} {noun}".strip()


def ranks(values: Mapping[K, Decimal | None]) -> dict[K, Rank]:
    """Rank units by their index, best first, on the value rounded as displayed (two decimals): two units
    shown as "85,16%" share a place. Ties take standard competition ranking (1, 2, 2, 4), as league
    tables and the SIPAS reports write "đồng hạng". Units without an index are not ranked; ``of`` is the
    number ranked."""
    shown = {key: value.quantize(DISPLAY, rounding=ROUND_HALF_UP) for key, value in values.items() if value is not None}
    ordered = sorted(shown.values(), reverse=True)
    first: dict[Decimal, int] = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return {key: Rank(first[value], len(ordered)) for key, value in shown.items()}


def rank_change(previous: Rank | None, current: Rank | None) -> str:
    """ "tăng 10 bậc" (a smaller position is better), "giảm 2 bậc", "giữ nguyên"; "" without both."""
    if previous is None or current is None:
        return ""
    steps = previous.position - current.position
    if steps > 0:
        return f"tăng {steps} bậc"
    if steps < 0:
        return f"giảm {-steps} bậc"
    return "giữ nguyên"


def value_change(previous: Decimal | None, current: Decimal | None) -> str:
    """ "tăng 2,68 điểm %", "giảm 0,5 điểm %", "không đổi"; "" without both."""
    if previous is None or current is None:
        return ""
    delta = (current - previous).quantize(DISPLAY, rounding=ROUND_HALF_UP)
    if delta == 0:
        return "không đổi"
    shown = format_percent(abs(delta)).removesuffix("%")
    return f"{'tăng' if delta > 0 else 'giảm'} {shown} điểm %"


@dataclass(frozen=True)
class TargetStatus:
    met: bool
    gap: Decimal  # the index minus the target, in points (negative: short of it)
    text: str


def target_status(value: Decimal | None, target: Decimal, comparison: str = Comparison.ABOVE) -> TargetStatus | None:
    """The index against its target: "trên 80%" is met by more than 80 (81,2% is "đạt, cao hơn 1,2 điểm
    %"; exactly 80% is not above it), "từ 80%" by 80 or more (NQ 76/NQ-CP: "trên 80%" by 2025)."""
    if value is None:
        return None
    shown = value.quantize(DISPLAY, rounding=ROUND_HALF_UP)
    gap = shown - target
    met = gap > 0 if comparison == Comparison.ABOVE else gap >= 0
    points = format_percent(abs(gap)).removesuffix("%")
    wanted = f"{Comparison(comparison).label} {format_percent(target)}"
    if met:
        text = f"Đạt chỉ tiêu ({wanted}), cao hơn {points} điểm %"
    elif gap == 0:
        text = f"Chưa đạt chỉ tiêu ({wanted}): mới bằng chỉ tiêu"
    else:
        text = f"Chưa đạt chỉ tiêu ({wanted}), còn thiếu {points} điểm %"
    return TargetStatus(met, gap, text)


# --- the sample plan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StratumCheck:
    """One stratum (commune × procedure) of the sample check."""

    key: tuple[Any, str]
    quota: int | None  # None: answered but not in the plan
    answered: int

    @property
    def status(self) -> str:
        """ "đủ", "thiếu 3", "vượt 2", "ngoài kế hoạch"."""
        if self.quota is None:
            return "ngoài kế hoạch"
        if self.answered == self.quota:
            return "đủ"
        if self.answered < self.quota:
            return f"thiếu {format_number(self.quota - self.answered)}"
        return f"vượt {format_number(self.answered - self.quota)}"

    @property
    def complete(self) -> bool:
        return self.quota is not None and self.answered >= self.quota


def sample_check(plan: Mapping[tuple[Any, str], int], answered: Mapping[tuple[Any, str], int]) -> list[StratumCheck]:
    """The responses per stratum against the plan's quotas (stratified random sampling, DOMAIN §4.1):
    every planned stratum, then the answered strata that are not in the plan."""
    rows = [StratumCheck(key, quota, int(answered.get(key, 0))) for key, quota in plan.items()]
    rows += [StratumCheck(key, None, int(n)) for key, n in answered.items() if key not in plan and n]
    return rows


def check_plan_row(number: int, *, code: str, name: str, quota: Any) -> int:
    """One row of a sample plan: a procedure code and name, a quota from 1 to 10.000. Returns the quota."""
    if not code.strip():
        raise ValueError(f"Dòng {number}: cần mã thủ tục.")
    if len(code) > 32:
        raise ValueError(f"Dòng {number}: mã thủ tục tối đa 32 ký tự.")
    if not name.strip() or len(name) > 500:
        raise ValueError(f"Dòng {number}: cần tên thủ tục (tối đa 500 ký tự).")
    try:
        value = int(str(quota).strip())
    except (TypeError, ValueError):
        raise ValueError(f"Dòng {number}: số phiếu “{quota}” không phải số nguyên.") from None
    if not 1 <= value <= 10_000:
        raise ValueError(f"Dòng {number}: số phiếu phải từ 1 đến 10.000.")
    return value


def check_target_value(value: Any) -> Decimal:
    """A target in percent, 0–100, two decimals at most."""
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except ArithmeticError:
        raise ValueError(f"Chỉ tiêu “{value}” không phải số.") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise ValueError("Chỉ tiêu phải từ 0 đến 100 (%).")
    if number != number.quantize(DISPLAY):
        raise ValueError("Chỉ tiêu ghi tối đa hai chữ số thập phân.")
    return number.quantize(DISPLAY)
