"""The grassroots-democracy part of the periodic report (issue 14): "Thực hiện dân chủ ở cơ sở".

The key figures (:func:`figures`) are the area's measures (:mod:`.measures`) over the unit's coverage,
within the viewer's scope, each next to the article of Luật Thực hiện dân chủ ở cơ sở 2022 (Luật
10/2022/QH15) it reports on:

* what the communes published (Điều 11), and what did not meet Điều 13: published later than 05 working
  days after the decision, posted for fewer than 30 consecutive days (or taken down when it must stay
  posted), broadcast for fewer than 03 days;
* what the people discussed and decided (Điều 15), how many passed at the thresholds of Điều 21, how
  many were recognised (Điều 21.2), and the records sent or recognised late (Điều 20.3, 21.2);
* the consultations of the people (Điều 25) and how many the authority answered;
* the recommendations of the Ban Thanh tra nhân dân (Điều 37–38) and how many were answered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.democracy import rules
from danvan.democracy.measures import CONSULTATIONS, DECISIONS, FINDINGS, PUBLICATIONS
from danvan.stats.engine import Source, Target, compute
from danvan.stats.report_parts import (
    any_counted,
    as_int,
    changes,
    counts_in_words,
    month_chart,
    part_phrase,
    summed_table,
    unit_table,
)
from danvan.stats.sections import (
    Built,
    Context,
    Figures,
    Phrase,
    Said,
    Section,
    TableData,
    comparison_table,
    rate,
)

VIEW = roles.DEMOCRACY.view
LAW = rules.LAW

LABELS: dict[str, str] = {
    "published": "Nội dung thông tin đã công khai (Điều 11)",
    "published_late": "Công khai chậm quá 05 ngày làm việc (Điều 13)",
    "posting_short": "Niêm yết chưa đủ thời gian (Điều 13)",
    "broadcast_short": "Phát trên loa chưa đủ 03 ngày (Điều 13)",
    "published_with_issue": "Nội dung công khai chưa bảo đảm quy định",
    "published_on_time_rate": "Tỷ lệ công khai đúng thời hạn",
    "decisions": "Việc Nhân dân bàn và quyết định (Điều 15)",
    "decisions_passed": "Được thông qua (Điều 21)",
    "decisions_not_passed": "Không được thông qua",
    "decisions_recognised": "Được công nhận (Điều 21.2)",
    "decisions_late": "Gửi, công nhận chậm thời hạn (Điều 20.3, 21.2)",
    "consultations": "Đợt lấy ý kiến Nhân dân (Điều 25)",
    "consultations_responded": "Đã tiếp thu, giải trình",
    "participants": "Lượt người, hộ tham gia góp ý",
    "findings": "Kiến nghị của Ban Thanh tra nhân dân",
    "findings_answered": "Kiến nghị đã được trả lời, xử lý",
}
PERCENTS = frozenset({"published_on_time_rate"})


def figures(context: Context, period: Period) -> Figures:
    """The key figures of ``context``'s unit (None: the nation) in ``period``, within the viewer's scope."""
    target = context.target(period)
    pubs = compute(PUBLICATIONS, target).total
    decisions = compute(DECISIONS, target).total
    consultations = compute(CONSULTATIONS, target).total
    findings = compute(FINDINGS, target).total
    published, late = as_int(pubs["published"]), as_int(pubs["late"])
    return {
        "published": published,
        "published_late": late,
        "posting_short": as_int(pubs["posting_short"]),
        "broadcast_short": as_int(pubs["broadcast_short"]),
        "published_with_issue": as_int(pubs["with_issue"]),
        "published_on_time_rate": rate(published - late, published).value,
        "decisions": as_int(decisions["held"]),
        "decisions_passed": as_int(decisions["passed"]),
        "decisions_not_passed": as_int(decisions["not_passed"]),
        "decisions_recognised": as_int(decisions["recognised"]),
        "decisions_late": as_int(decisions["sent_late"]) + as_int(decisions["recognised_late"]),
        "consultations": as_int(consultations["consultations"]),
        "consultations_responded": as_int(consultations["responded"]),
        "participants": as_int(consultations["participants"]),
        "findings": as_int(findings["findings"]),
        "findings_answered": as_int(findings["findings_answered"]),
    }


# --- the sentences ------------------------------------------------------------------------------------

_PUBLICATION_HELP = {
    "cong_khai": "số nội dung thông tin đã công khai (Điều 11)",
    "chua_dung": "số nội dung chưa bảo đảm quy định về thời hạn, thời gian niêm yết, phát loa (Điều 13)",
    "chi_tiet": "các vi phạm, như “2 nội dung công khai chậm quá 05 ngày làm việc, 1 nội dung niêm yết chưa "
    "đủ thời gian”",
    "tre_han": "số nội dung công khai chậm quá 05 ngày làm việc",
}
PUBLICATIONS_MADE = Phrase(
    "democracy.publications",
    "Công khai thông tin (Điều 11–13)",
    f"{{trong_ky}}, {{pham_vi}} đã công khai {{cong_khai}} nội dung thông tin theo Điều 11 {LAW}, trong đó "
    "{chua_dung} nội dung chưa bảo đảm quy định tại Điều 13 ({chi_tiet})",
    zero=f"{{trong_ky}}, {{pham_vi}} chưa ghi nhận nội dung thông tin nào được công khai theo Điều 11 {LAW}",
    lead="cong_khai",
    help=_PUBLICATION_HELP,
)
PUBLICATIONS_ALL_GOOD = Phrase(
    "democracy.publications_all_good",
    "Công khai thông tin, đều đúng quy định",
    f"{{trong_ky}}, {{pham_vi}} đã công khai {{cong_khai}} nội dung thông tin theo Điều 11 {LAW}, bảo đảm thời "
    "hạn, hình thức theo Điều 12, 13",
    help=_PUBLICATION_HELP,
)

_DECISION_HELP = {
    "viec": "số việc Nhân dân bàn và quyết định (Điều 15)",
    "thong_qua": "số việc được thông qua theo tỷ lệ của Điều 21",
}
DECISIONS_HELD = Phrase(
    "democracy.decisions",
    "Nhân dân bàn và quyết định (Điều 15, 21)",
    "Nhân dân đã bàn và quyết định {viec} việc theo Điều 15, trong đó {thong_qua} việc được thông qua",
    zero="Trong kỳ chưa tổ chức cho Nhân dân bàn và quyết định việc nào theo Điều 15",
    lead="viec",
    help=_DECISION_HELP,
)
DECISIONS_ALL_PASSED = Phrase(
    "democracy.decisions_all_passed",
    "Các việc Nhân dân bàn đều được thông qua",
    "Nhân dân đã bàn, quyết định và thông qua {viec} việc theo Điều 15",
    help=_DECISION_HELP,
)
DECISIONS_NONE_PASSED = Phrase(
    "democracy.decisions_none_passed",
    "Chưa có việc nào được thông qua",
    "Nhân dân đã bàn và quyết định {viec} việc theo Điều 15; chưa có việc nào được thông qua",
    help=_DECISION_HELP,
)
RECOGNISED = Phrase(
    "democracy.recognised",
    "Kết quả được công nhận (Điều 21.2)",
    "Đã công nhận {cong_nhan} kết quả Nhân dân bàn và quyết định theo thẩm quyền (Điều 21.2)",
    zero="Trong kỳ chưa có kết quả Nhân dân bàn và quyết định nào được công nhận (Điều 21.2)",
    lead="cong_nhan",
    help={"cong_nhan": "số kết quả được công nhận trong kỳ"},
)
DECISIONS_LATE = Phrase(
    "democracy.decisions_late",
    "Gửi, công nhận chậm thời hạn (Điều 20.3, 21.2)",
    "Có {tre_han} trường hợp gửi biên bản hoặc công nhận kết quả chậm so với thời hạn 05 ngày làm việc "
    "(Điều 20.3, 21.2)",
    zero="Việc gửi biên bản, công nhận kết quả bảo đảm thời hạn 05 ngày làm việc (Điều 20.3, 21.2)",
    lead="tre_han",
    help={"tre_han": "số lần gửi biên bản hoặc công nhận kết quả quá 05 ngày làm việc"},
)

_CONSULTATION_HELP = {
    "dot": "số đợt lấy ý kiến Nhân dân (Điều 25)",
    "tiep_thu": "số đợt cơ quan đã tiếp thu, giải trình ý kiến",
    "luot": "số lượt người, hộ tham gia góp ý",
}
CONSULTED = Phrase(
    "democracy.consultations",
    "Lấy ý kiến Nhân dân (Điều 25)",
    "Đã tổ chức {dot} đợt lấy ý kiến Nhân dân theo Điều 25, trong đó {tiep_thu} đợt đã tiếp thu, giải trình "
    "ý kiến của Nhân dân",
    zero="Trong kỳ chưa tổ chức đợt lấy ý kiến Nhân dân nào theo Điều 25",
    lead="dot",
    help=_CONSULTATION_HELP,
)
CONSULTED_ALL_ANSWERED = Phrase(
    "democracy.consultations_all_answered",
    "Các đợt lấy ý kiến đều đã tiếp thu, giải trình",
    "Đã tổ chức {dot} đợt lấy ý kiến Nhân dân theo Điều 25 và đã tiếp thu, giải trình ý kiến của Nhân dân",
    help=_CONSULTATION_HELP,
)
CONSULTED_NONE_ANSWERED = Phrase(
    "democracy.consultations_none_answered",
    "Chưa có đợt lấy ý kiến nào được tiếp thu, giải trình",
    "Đã tổ chức {dot} đợt lấy ý kiến Nhân dân theo Điều 25; chưa có đợt nào được tiếp thu, giải trình",
    help=_CONSULTATION_HELP,
)

_FINDING_HELP = {
    "kien_nghi": "số kiến nghị của Ban Thanh tra nhân dân trong kỳ",
    "tra_loi": "số kiến nghị đã được trả lời, xử lý",
}
FINDINGS_MADE = Phrase(
    "democracy.findings",
    "Kiến nghị của Ban Thanh tra nhân dân (Điều 37–38)",
    "Qua kiểm tra, giám sát, Ban Thanh tra nhân dân đã có {kien_nghi} kiến nghị, trong đó {tra_loi} kiến nghị "
    "đã được trả lời, xử lý",
    zero="Trong kỳ Ban Thanh tra nhân dân chưa có kiến nghị nào",
    lead="kien_nghi",
    help=_FINDING_HELP,
)
FINDINGS_ALL_ANSWERED = Phrase(
    "democracy.findings_all_answered",
    "Kiến nghị của Ban Thanh tra nhân dân đều đã được trả lời",
    "Qua kiểm tra, giám sát, Ban Thanh tra nhân dân đã có {kien_nghi} kiến nghị và đã được trả lời, xử lý",
    help=_FINDING_HELP,
)
FINDINGS_NONE_ANSWERED = Phrase(
    "democracy.findings_none_answered",
    "Kiến nghị của Ban Thanh tra nhân dân chưa được trả lời",
    "Qua kiểm tra, giám sát, Ban Thanh tra nhân dân đã có {kien_nghi} kiến nghị; chưa có kiến nghị nào được trả "
    "lời, xử lý",
    help=_FINDING_HELP,
)

VERSUS = Phrase(
    "democracy.versus",
    "So sánh với cùng kỳ năm trước",
    "So với {cung_ky}, số nội dung thông tin được công khai {cong_khai}; số việc Nhân dân bàn và quyết định "
    "{viec}; số đợt lấy ý kiến Nhân dân {dot}",
    help={
        "cong_khai": "mức tăng, giảm số nội dung công khai, như “tăng 12 (7,14%)”",
        "viec": "mức tăng, giảm số việc Nhân dân bàn và quyết định",
        "dot": "mức tăng, giảm số đợt lấy ý kiến Nhân dân",
    },
)

PHRASES = (
    PUBLICATIONS_MADE,
    PUBLICATIONS_ALL_GOOD,
    DECISIONS_HELD,
    DECISIONS_ALL_PASSED,
    DECISIONS_NONE_PASSED,
    RECOGNISED,
    DECISIONS_LATE,
    CONSULTED,
    CONSULTED_ALL_ANSWERED,
    CONSULTED_NONE_ANSWERED,
    FINDINGS_MADE,
    FINDINGS_ALL_ANSWERED,
    FINDINGS_NONE_ANSWERED,
    VERSUS,
)


def gaps(now: Figures) -> str:
    """What did not meet Điều 13, the kinds that occurred only: "2 nội dung công khai chậm quá 05 ngày làm
    việc, 1 nội dung niêm yết chưa đủ thời gian"."""
    kinds = (
        ("published_late", "nội dung công khai chậm quá 05 ngày làm việc"),
        ("posting_short", "nội dung niêm yết chưa đủ thời gian"),
        ("broadcast_short", "nội dung phát trên loa chưa đủ 03 ngày liên tục"),
    )
    return counts_in_words(((as_int(now[name]), words) for name, words in kinds), last=", ") or (
        "về thời hạn, hình thức công khai"
    )


def paragraphs(now: Figures, last_year: Figures) -> list[Said | str]:
    """The narrative of the period, sentence by sentence (each with its wording for the zero cases)."""
    out: list[Said | str] = []
    published, with_issue = as_int(now["published"]), as_int(now["published_with_issue"])
    phrase = PUBLICATIONS_ALL_GOOD if published and not with_issue else PUBLICATIONS_MADE
    out.append(
        Said(
            phrase,
            {"cong_khai": published, "chua_dung": with_issue, "chi_tiet": gaps(now), "tre_han": now["published_late"]},
        )
    )
    decisions, passed = as_int(now["decisions"]), as_int(now["decisions_passed"])
    phrase = part_phrase(decisions, passed, DECISIONS_HELD, DECISIONS_NONE_PASSED, DECISIONS_ALL_PASSED)
    out.append(Said(phrase, {"viec": decisions, "thong_qua": passed}))
    if as_int(now["decisions_recognised"]):
        out.append(Said(RECOGNISED, {"cong_nhan": now["decisions_recognised"]}))
    if as_int(now["decisions_late"]):
        out.append(Said(DECISIONS_LATE, {"tre_han": now["decisions_late"]}))
    consultations, responded = as_int(now["consultations"]), as_int(now["consultations_responded"])
    phrase = part_phrase(consultations, responded, CONSULTED, CONSULTED_NONE_ANSWERED, CONSULTED_ALL_ANSWERED)
    out.append(Said(phrase, {"dot": consultations, "tiep_thu": responded, "luot": now["participants"]}))
    findings, answered = as_int(now["findings"]), as_int(now["findings_answered"])
    phrase = part_phrase(findings, answered, FINDINGS_MADE, FINDINGS_NONE_ANSWERED, FINDINGS_ALL_ANSWERED)
    out.append(Said(phrase, {"kien_nghi": findings, "tra_loi": answered}))
    compared = (("cong_khai", "published"), ("viec", "decisions"), ("dot", "consultations"))
    if any_counted((now, last_year), (name for _, name in compared)):
        out.append(Said(VERSUS, changes(now, last_year, compared)))
    return out


# --- the tables and charts -------------------------------------------------------------------------


PUBLICATION_COLUMNS = ("published", "late", "with_issue")
DECISION_COLUMNS = ("held", "passed", "recognised")


def _by_item(
    target: Target,
    source: Source,
    names: tuple[str, ...],
    item: str,
    labels: Mapping[Any, str],
    title: str,
    columns: list[str],
    keep: Callable[[Sequence[int]], bool] = any,
) -> TableData | None:
    """A table by one item of the law (the field ``item`` of ``source``, labelled by ``labels``): the counts of
    ``names`` in the order of the items' codes, and their total; None when no row is kept."""
    cells = compute(source, target, measures=names, breakdown=(item,)).cells
    rows = [(labels.get(key, str(key)), [as_int(values[n]) for n in names]) for (key,), values in sorted(cells.items())]
    table = summed_table(title, columns, rows, keep=keep)
    return table if table.rows else None


def category_table(target: Target) -> TableData | None:
    """What was published, by the 13 items of Điều 11, with what did not meet Điều 13."""
    return _by_item(
        target,
        PUBLICATIONS,
        PUBLICATION_COLUMNS,
        "category",
        dict(rules.Category.choices),
        "Nội dung công khai theo Điều 11 Luật Thực hiện dân chủ ở cơ sở",
        ["Nội dung công khai", "Đã công khai", "Chậm quá 05 ngày làm việc", "Chưa bảo đảm quy định"],
        keep=lambda counts: bool(counts[0]),
    )


def matter_table(target: Target) -> TableData | None:
    """What the people decided, by the items of Điều 15: held, passed (Điều 21), recognised (Điều 21.2)."""
    return _by_item(
        target,
        DECISIONS,
        DECISION_COLUMNS,
        "matter",
        dict(rules.Matter.choices),
        "Những việc Nhân dân bàn và quyết định theo Điều 15",
        ["Nội dung", "Đã bàn, quyết định", "Được thông qua", "Được công nhận"],
    )


def build(context: Context, now: Figures, previous: Figures, last_year: Figures) -> Built:
    """The narrative, the tables (the three periods side by side, by sub-unit, by item of Điều 11 and of
    Điều 15) and the chart by month."""
    target = context.target()
    built = Built(paragraphs=paragraphs(now, last_year))
    built.tables.append(comparison_table(SECTION, context, now, previous, last_year))
    by_unit = unit_table(
        context,
        "Kết quả thực hiện dân chủ ở cơ sở theo đơn vị",
        [
            ("Đã công khai", ("published",)),
            ("Công khai chậm", ("late",)),
            ("Chưa bảo đảm quy định", ("with_issue",)),
            ("Việc Nhân dân bàn, quyết định", ("held",)),
            ("Được thông qua", ("passed",)),
            ("Được công nhận", ("recognised",)),
        ],
        [
            compute(PUBLICATIONS, target, measures=PUBLICATION_COLUMNS, by_unit=PUBLICATION_COLUMNS),
            compute(DECISIONS, target, measures=DECISION_COLUMNS, by_unit=DECISION_COLUMNS),
        ],
    )
    for table in (
        by_unit,
        category_table(target) if as_int(now["published"]) else None,
        matter_table(target) if as_int(now["decisions"]) or as_int(now["decisions_recognised"]) else None,
    ):
        if table is not None:
            built.tables.append(table)
    chart = month_chart(
        "Công khai thông tin và việc Nhân dân bàn, quyết định theo tháng",
        target,
        [
            (PUBLICATIONS, "published", "Nội dung đã công khai"),
            (DECISIONS, "held", "Việc Nhân dân bàn, quyết định"),
        ],
        skip_empty=True,
    )
    if chart is not None:
        built.charts.append(chart)
    return built


SECTION = Section(
    key="democracy",
    title="Thực hiện dân chủ ở cơ sở",
    order=70,
    permission=VIEW,
    figures=figures,
    labels=LABELS,
    build=build,
    phrases=PHRASES,
    percents=PERCENTS,
)
