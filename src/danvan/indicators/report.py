"""The indicators' section of the periodic report: "Kết quả thực hiện các chỉ tiêu".

Its key figures are the indicators' values for the unit and the period (by code: "ho_ngheo" → 5,03);
its table lists each indicator with its value this period, the previous period and the same period last
year, the target in force with its basis, and the status; its narrative says each indicator's result
against its target in the register of the seeds:

    "Tỷ lệ hộ nghèo còn 5,03%, vượt chỉ tiêu Nghị quyết (dưới 6%)."
    "19 xã đạt chuẩn nông thôn mới; bình quân mỗi xã đạt 12,5 tiêu chí."
    "Chỉ số hài lòng … đạt 91,3% (mục tiêu Đề án 06 là phấn đấu đạt trên 80%)."

An indicator's own sentence (:attr:`Indicator.sentence`, edited on the indicator's form) replaces the
section's default wording; indicators of one group are told in one sentence, joined by "; ".
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.indicators import rules, selectors
from danvan.indicators.models import Indicator
from danvan.stats.sections import (
    COMMON,
    Built,
    Cell,
    Context,
    Figures,
    Percent,
    Phrase,
    Said,
    Section,
    TableData,
    versus,
)

KEY = "indicators"
TITLE = "Kết quả thực hiện các chỉ tiêu"

HIGHER_TARGET = Phrase(
    key="indicators.higher_target",
    label="Chỉ tiêu càng cao càng tốt, có chỉ tiêu kế hoạch",
    text="{ten} đạt {gia_tri}, {trang_thai} chỉ tiêu {can_cu} ({chi_tieu})",
    help=rules.SENTENCE_BLANKS,
)
LOWER_TARGET = Phrase(
    key="indicators.lower_target",
    label="Chỉ tiêu càng thấp càng tốt, có chỉ tiêu kế hoạch",
    text="{ten} còn {gia_tri}, {trang_thai} chỉ tiêu {can_cu} ({chi_tieu})",
    help=rules.SENTENCE_BLANKS,
)
HIGHER = Phrase(
    key="indicators.higher",
    label="Chỉ tiêu càng cao càng tốt, chưa có chỉ tiêu kế hoạch",
    text="{ten} đạt {gia_tri}",
    help=rules.SENTENCE_BLANKS,
)
LOWER = Phrase(
    key="indicators.lower",
    label="Chỉ tiêu càng thấp càng tốt, chưa có chỉ tiêu kế hoạch",
    text="{ten} còn {gia_tri}",
    help=rules.SENTENCE_BLANKS,
)
PHRASES = (HIGHER_TARGET, LOWER_TARGET, HIGHER, LOWER)


class _Labels(Mapping[str, str]):
    """The section's figures are the indicators defined at the time: their codes and names, read when
    asked (the report lists them; a computed indicator may not name this section)."""

    def _all(self) -> dict[str, str]:
        return dict(Indicator.objects.filter(active=True).order_by("order", "code").values_list("code", "name"))

    def __getitem__(self, key: str) -> str:
        name = Indicator.objects.filter(active=True, code=key).values_list("name", flat=True).first()
        if name is None:
            raise KeyError(key)
        return name

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return Indicator.objects.filter(active=True).count()


def _indicators(context: Context) -> list[Indicator]:
    return list(selectors.indicators_for(context.unit, today_tree=context.today_tree))


def figures(context: Context, period: Period) -> Figures:
    """Each indicator's value for the report's unit in ``period``, rounded as it is shown."""
    chosen = _indicators(context)
    got = selectors.readings(chosen, context.unit, period, viewer=context.viewer, today_tree=context.today_tree,
                             today=context.today)  # fmt: skip
    out: Figures = {}
    for indicator in chosen:
        value = got[indicator.pk].value
        out[indicator.code] = None if value is None else rules.quantize(value, indicator.decimals)
    return out


def _cell(value: Any, indicator: Indicator) -> Cell:
    if value is None:
        return "—"  # no figure, which is not zero
    number = rules.quantize(Decimal(value), indicator.decimals)
    return Percent(number, indicator.decimals) if indicator.measure_unit == rules.MeasureUnit.PERCENT else number


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def values_for(
    indicator: Indicator, now: Any, before: Any, last_year: Any, target: selectors.TargetInForce | None
) -> dict[str, Any]:
    """The blanks of an indicator's sentence (:data:`rules.SENTENCE_BLANKS`)."""
    spec = indicator.spec
    value = None if now is None else Decimal(now)
    out: dict[str, Any] = {
        "ten": indicator.name,
        "gia_tri": rules.show(value, spec),
        "so": rules.show_number(value, spec),
        "don_vi_tinh": spec.unit_label,
        "truoc": rules.show(None if before is None else Decimal(before), spec),
        "cung_ky_gia_tri": rules.show(None if last_year is None else Decimal(last_year), spec),
        "so_voi_cung_ky": versus(now, last_year),
    }
    if target is not None:
        judged = selectors.judge(selectors.Reading(indicator, value), target)
        out |= {
            "trang_thai": rules.STATUS_WORDS[judged] if judged is not None else "",
            "chi_tieu": target.words,
            "can_cu": target.basis,
        }
    return out


def sentence(indicator: Indicator, target: selectors.TargetInForce | None) -> tuple[str, Phrase | None]:
    """The wording of an indicator's sentence: its own (if it can be said), else the section's phrase
    for its direction and whether it has a target (the phrase is returned, so that an administrator's
    wording of it applies)."""
    own = indicator.sentence.strip()
    if own:
        names = {name for _, name, _, _ in string.Formatter().parse(own) if name}
        if target is not None or not names & rules.TARGET_BLANKS:
            return own, None
    lower = indicator.direction == rules.Direction.LOWER
    with_target = (LOWER_TARGET if lower else HIGHER_TARGET, LOWER if lower else HIGHER)
    phrase = with_target[0] if target is not None else with_target[1]
    return phrase.text, phrase


def _renamed(template: str, prefix: str) -> str:
    """``template`` with each blank of the indicator renamed ``prefix`` + name (the report's common
    blanks kept), so that several indicators' sentences make one."""
    out = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is not None:
            out.append("{" + (name if name in COMMON else f"{prefix}{name}") + "}")
    return "".join(out)


Member = tuple[Indicator, str, Phrase | None, dict[str, Any]]


def _said(member: Member) -> Said:
    """One indicator's sentence: the section's phrase (so that an administrator's wording of it applies),
    or the indicator's own."""
    indicator, template, phrase, blanks = member
    if phrase is None:
        phrase = Phrase(key=f"{KEY}.{indicator.code}", label=indicator.name, text=template, help=rules.SENTENCE_BLANKS)
    return Said(phrase, blanks)


def _group_said(members: list[Member], key: str) -> Said:
    """One sentence of several indicators: "19 xã đạt chuẩn nông thôn mới; bình quân mỗi xã đạt 12,5 tiêu chí"."""
    if len(members) == 1:
        return _said(members[0])
    parts, values, help_ = [], {}, {}
    for n, (_indicator, template, _phrase, blanks) in enumerate(members):
        prefix = f"c{n}_"
        text = _renamed(template.strip().rstrip("."), prefix)
        parts.append(text if n == 0 else _lower_first(text))
        for name, value in blanks.items():
            shown = _lower_first(value) if n and name == "ten" and isinstance(value, str) else value
            values[f"{prefix}{name}"] = shown
            help_[f"{prefix}{name}"] = rules.SENTENCE_BLANKS.get(name, name)
    phrase = Phrase(key=f"{KEY}.{key}", label=key, text="; ".join(parts), help=help_)
    return Said(phrase, values)


def build(context: Context, now: Figures, previous: Figures, last_year: Figures) -> Built:
    chosen = _indicators(context)
    targets = selectors.targets_for(chosen, context.unit, context.period)
    paragraphs: list[Said | str] = []
    #: Where each group's sentence goes (the place of its first indicator), and its indicators.
    slots: dict[str, int] = {}
    groups: dict[str, list[Member]] = {}
    rows: list[list[Cell]] = []
    for indicator in chosen:
        code, target = indicator.code, targets.get(indicator.pk)
        here = now.get(code)
        if here is None and previous.get(code) is None and last_year.get(code) is None and target is None:
            continue
        judged = selectors.judge(selectors.Reading(indicator, None if here is None else Decimal(here)), target)
        target_text = "" if target is None else f"{target.words} ({target.basis})"
        rows.append([
            indicator.name, indicator.unit_label, _cell(here, indicator), _cell(previous.get(code), indicator),
            _cell(last_year.get(code), indicator), target_text, judged.label if judged is not None else "",
        ])  # fmt: skip
        if here is None:
            continue
        blanks = values_for(indicator, here, previous.get(code), last_year.get(code), target)
        template, phrase = sentence(indicator, target)
        member: Member = (indicator, template, phrase, blanks)
        if not indicator.group:
            paragraphs.append(_said(member))
            continue
        if indicator.group not in slots:
            slots[indicator.group] = len(paragraphs)
            paragraphs.append("")  # the group's sentence, made below from all its indicators
        groups.setdefault(indicator.group, []).append(member)
    for group, at in slots.items():
        paragraphs[at] = _group_said(groups[group], f"nhom_{at}")
    table = TableData(
        title=f"{TITLE}: các số liệu chính",
        columns=[
            "Chỉ tiêu",
            "Đơn vị tính",
            context.period.label,
            f"Kỳ trước ({context.previous.label})",
            f"Cùng kỳ ({context.last_year.label})",
            "Chỉ tiêu kế hoạch (căn cứ)",
            "Đánh giá",
        ],
        rows=rows,
    )
    # Always the table, even empty: it stands in for the kit's comparison table of the same title.
    return Built(paragraphs=paragraphs, tables=[table])


SECTION = Section(
    key=KEY,
    title=TITLE,
    order=90,
    permission=roles.INDICATORS.view,
    figures=figures,
    labels=_Labels(),
    build=build,
    phrases=PHRASES,
)
