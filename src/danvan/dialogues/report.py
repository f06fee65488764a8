"""The dialogues' part of the periodic report (issue 14): "Công tác đối thoại, tiếp xúc cử tri và thực hiện
các cam kết".

The key figures (:func:`figures`) are the area's measures (:mod:`.measures`) over the unit's coverage,
within the viewer's scope: the dialogues and voter contacts held, the opinions citizens raised and those
answered at the meeting, the commitments made, kept (on time or late), still open at the period's end and
overdue, the mobilisation campaigns with their working groups and the households reached and agreeing.

The opinions are the counts each meeting's record declares (``Meeting.issues_raised`` /
``issues_answered``): a record may list only some of them one by one, so the listed ones
(:class:`~danvan.dialogues.models.Issue`) give the breakdown by field, with the rest as "not detailed".

Basis: Quy định 11-QĐi/TW (18/02/2019) — the head of the Party committee and of the government holds
dialogues with the people and follows up what was concluded; Luật Thực hiện dân chủ ở cơ sở 2022, Điều 26
(hội nghị đối thoại); Luật Tổ chức Quốc hội, Luật Tổ chức chính quyền địa phương (tiếp xúc cử tri).
"""

from __future__ import annotations

from django.db.models import Count, Q

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.core.text import format_date
from danvan.dialogues import rules
from danvan.dialogues.measures import CAMPAIGNS, COMMITMENTS, ISSUES, MEETINGS
from danvan.dialogues.models import Campaign, Commitment, Meeting, WorkingGroup
from danvan.stats.engine import Measure, Source, Target, Window, compute
from danvan.stats.report_parts import (
    LIST_LIMIT,
    TOTAL,
    any_counted,
    as_int,
    changes,
    list_note,
    month_chart,
    part_phrase,
    unit_table,
    until,
)
from danvan.stats.sections import (
    Built,
    Cell,
    Chart,
    Context,
    Figures,
    Phrase,
    Said,
    Section,
    TableData,
    comparison_table,
    rate,
)

VIEW = roles.DIALOGUES.view

# --- what is counted ----------------------------------------------------------------------------------

#: The meetings held, with the opinions their records declare (one scan of the meetings).
_HELD = MEETINGS.measure("held")
MEETING_FIGURES = Source(
    model=Meeting,
    permission=VIEW,
    measures=(
        _HELD,
        MEETINGS.measure("dialogues"),
        MEETINGS.measure("voter_contacts"),
        MEETINGS.measure("attendance"),
        Measure("issues_raised", "Ý kiến, kiến nghị (theo biên bản)", date=_HELD.date, where=_HELD.where,
                aggregate="sum", field="issues_raised"),
        Measure("issues_answered", "Trả lời tại hội nghị (theo biên bản)", date=_HELD.date, where=_HELD.where,
                aggregate="sum", field="issues_answered"),
    ),
)  # fmt: skip

#: The campaigns worked in the period (started by its end, not ended before its start), with their
#: households; the same condition as the area's households measures.
_ACTIVE = CAMPAIGNS.measure("households_reached").where
CAMPAIGN_FIGURES = Source(
    model=Campaign,
    permission=VIEW,
    measures=(
        Measure("campaigns", "Cuộc vận động nhân dân", where=_ACTIVE),
        CAMPAIGNS.measure("finished"),
        CAMPAIGNS.measure("households_reached"),
        CAMPAIGNS.measure("households_agreeing"),
    ),
)


def _group_of_active_campaign(window: Window) -> Q:
    """A working group of a campaign worked in the period (the condition of ``_ACTIVE``, through the campaign)."""
    end = min(window.period.end, window.today)
    return Q(campaign__started_on__isnull=False, campaign__started_on__lte=end) & (
        Q(campaign__ended_on__isnull=True) | Q(campaign__ended_on__gte=window.period.start)
    )


WORKING_GROUPS = Source(
    model=WorkingGroup,
    path="campaign__unit__path",
    permission=VIEW,
    measures=(Measure("groups", "Tổ công tác tuyên truyền, vận động", where=_group_of_active_campaign),),
)

LABELS: dict[str, str] = {
    "meetings": "Cuộc đối thoại, tiếp xúc cử tri đã tổ chức",
    "dialogues": "Đối thoại trực tiếp với nhân dân",
    "voter_contacts": "Tiếp xúc cử tri",
    "attendance": "Lượt người tham dự",
    "issues": "Ý kiến, kiến nghị tiếp nhận",
    "answered": "Ý kiến được trả lời trực tiếp tại hội nghị",
    "answered_rate": "Tỷ lệ ý kiến được trả lời tại hội nghị",
    "commitments": "Cam kết, kết luận đã đưa ra",
    "kept": "Cam kết đã thực hiện xong",
    "kept_on_time": "Trong đó: đúng hạn",
    "kept_late": "Trong đó: chậm so với hạn",
    "on_time_rate": "Tỷ lệ cam kết thực hiện đúng hạn",
    "open": "Cam kết đang thực hiện (cuối kỳ)",
    "overdue": "Trong đó: quá hạn",
    "campaigns": "Cuộc vận động nhân dân",
    "working_groups": "Tổ công tác tuyên truyền, vận động",
    "households_reached": "Hộ đã tiếp cận, vận động",
    "households_agreeing": "Hộ đồng thuận",
    "agreeing_rate": "Tỷ lệ hộ đồng thuận",
}
PERCENTS = frozenset({"answered_rate", "on_time_rate", "agreeing_rate"})


def figures(context: Context, period: Period) -> Figures:
    """The key figures of ``context``'s unit (None: the nation) in ``period``, within the viewer's scope."""
    target = context.target(period)
    meetings = compute(MEETING_FIGURES, target).total
    commitments = compute(
        COMMITMENTS, target, measures=("made", "kept_on_time", "kept_late", "open_within", "open_overdue")
    ).total
    campaigns = compute(CAMPAIGN_FIGURES, target).total
    groups = compute(WORKING_GROUPS, target).total
    issues, answered = as_int(meetings["issues_raised"]), as_int(meetings["issues_answered"])
    on_time, late = as_int(commitments["kept_on_time"]), as_int(commitments["kept_late"])
    overdue = as_int(commitments["open_overdue"])
    reached, agreeing = as_int(campaigns["households_reached"]), as_int(campaigns["households_agreeing"])
    return {
        "meetings": as_int(meetings["held"]),
        "dialogues": as_int(meetings["dialogues"]),
        "voter_contacts": as_int(meetings["voter_contacts"]),
        "attendance": as_int(meetings["attendance"]),
        "issues": issues,
        "answered": answered,
        "answered_rate": rate(answered, issues).value,
        "commitments": as_int(commitments["made"]),
        "kept": on_time + late,
        "kept_on_time": on_time,
        "kept_late": late,
        "on_time_rate": rate(on_time, on_time + late).value,
        "open": as_int(commitments["open_within"]) + overdue,
        "overdue": overdue,
        "campaigns": as_int(campaigns["campaigns"]),
        "working_groups": as_int(groups["groups"]),
        "households_reached": reached,
        "households_agreeing": agreeing,
        "agreeing_rate": rate(agreeing, reached).value,
    }


# --- the sentences ------------------------------------------------------------------------------------

_MEETING_HELP = {
    "so_cuoc": "tổng số cuộc đối thoại, tiếp xúc cử tri đã tổ chức",
    "doi_thoai": "số cuộc đối thoại trực tiếp với nhân dân",
    "tiep_xuc": "số cuộc tiếp xúc cử tri",
}
MEETINGS_HELD = Phrase(
    "dialogues.meetings",
    "Đối thoại, tiếp xúc cử tri đã tổ chức",
    "{trong_ky}, người đứng đầu cấp ủy, chính quyền {pham_vi} đã tổ chức {doi_thoai} cuộc đối thoại trực tiếp "
    "với nhân dân và {tiep_xuc} cuộc tiếp xúc cử tri",
    zero="{trong_ky}, {pham_vi} chưa tổ chức cuộc đối thoại trực tiếp với nhân dân, tiếp xúc cử tri nào",
    lead="so_cuoc",
    help=_MEETING_HELP,
)
DIALOGUES_ONLY = Phrase(
    "dialogues.meetings_dialogues_only",
    "Chỉ có đối thoại trực tiếp, chưa có tiếp xúc cử tri",
    "{trong_ky}, người đứng đầu cấp ủy, chính quyền {pham_vi} đã tổ chức {doi_thoai} cuộc đối thoại trực tiếp "
    "với nhân dân; chưa tổ chức cuộc tiếp xúc cử tri nào",
    help=_MEETING_HELP,
)
VOTERS_ONLY = Phrase(
    "dialogues.meetings_voters_only",
    "Chỉ có tiếp xúc cử tri, chưa có đối thoại trực tiếp",
    "{trong_ky}, {pham_vi} đã tổ chức {tiep_xuc} cuộc tiếp xúc cử tri; người đứng đầu cấp ủy, chính quyền chưa "
    "tổ chức cuộc đối thoại trực tiếp nào với nhân dân",
    help=_MEETING_HELP,
)

_ISSUE_HELP = {
    "y_kien": "số ý kiến, kiến nghị nhân dân nêu tại các hội nghị",
    "tra_loi": "số ý kiến được trả lời trực tiếp tại hội nghị",
    "ty_le": "tỷ lệ ý kiến được trả lời tại hội nghị, như “68,57%”",
}
ISSUES_RAISED = Phrase(
    "dialogues.issues",
    "Ý kiến, kiến nghị tiếp nhận và trả lời tại hội nghị",
    "Đã tiếp nhận {y_kien} ý kiến, kiến nghị của nhân dân, trong đó {tra_loi} ý kiến được trả lời trực tiếp "
    "tại hội nghị",
    zero="Nhân dân không nêu ý kiến, kiến nghị nào tại hội nghị",
    lead="y_kien",
    help=_ISSUE_HELP,
)
ISSUES_ALL_ANSWERED = Phrase(
    "dialogues.issues_all_answered",
    "Mọi ý kiến đều được trả lời tại hội nghị",
    "Đã tiếp nhận {y_kien} ý kiến, kiến nghị của nhân dân và trả lời trực tiếp ngay tại hội nghị",
    help=_ISSUE_HELP,
)
ISSUES_NONE_ANSWERED = Phrase(
    "dialogues.issues_none_answered",
    "Chưa có ý kiến nào được trả lời tại hội nghị",
    "Đã tiếp nhận {y_kien} ý kiến, kiến nghị của nhân dân; chưa có ý kiến nào được trả lời trực tiếp tại hội nghị",
    help=_ISSUE_HELP,
)

COMMITMENTS_MADE = Phrase(
    "dialogues.commitments",
    "Cam kết đưa ra qua đối thoại",
    "Qua đối thoại đã có {cam_ket} cam kết, kết luận của người đứng đầu",
    zero="Trong kỳ không phát sinh cam kết, kết luận mới qua đối thoại, tiếp xúc cử tri",
    lead="cam_ket",
    help={"cam_ket": "số cam kết, kết luận đưa ra trong kỳ"},
)

_KEPT_HELP = {
    "xong": "số cam kết đã thực hiện xong trong kỳ",
    "dung_han": "số cam kết thực hiện xong đúng hạn",
    "tre_han": "số cam kết thực hiện xong chậm so với hạn",
    "ty_le": "tỷ lệ thực hiện đúng hạn, như “90%”",
}
KEPT = Phrase(
    "dialogues.kept",
    "Cam kết đã thực hiện xong",
    "Đã thực hiện xong {xong} cam kết (đúng hạn {dung_han})",
    zero="Trong kỳ chưa có cam kết nào được thực hiện xong",
    lead="xong",
    help=_KEPT_HELP,
)
KEPT_ALL_ON_TIME = Phrase(
    "dialogues.kept_all_on_time",
    "Các cam kết đều thực hiện đúng hạn",
    "Đã thực hiện xong đúng hạn {xong} cam kết",
    help=_KEPT_HELP,
)
KEPT_ALL_LATE = Phrase(
    "dialogues.kept_all_late",
    "Các cam kết đều thực hiện chậm",
    "Đã thực hiện xong {xong} cam kết nhưng chậm so với hạn",
    help=_KEPT_HELP,
)

_OPEN_HELP = {
    "den_ngay": "ngày tính số cam kết còn lại: cuối kỳ, hoặc hôm nay nếu kỳ chưa kết thúc",
    "dang": "số cam kết đang thực hiện (chưa xong, chưa huỷ) đến ngày đó",
    "qua_han": "số cam kết đã quá hạn trong số đó",
}
OPEN = Phrase(
    "dialogues.open",
    "Cam kết đang thực hiện, quá hạn",
    "Đến ngày {den_ngay}, còn {dang} cam kết đang thực hiện, trong đó {qua_han} cam kết quá hạn",
    zero="Đến ngày {den_ngay}, không còn cam kết nào đang thực hiện",
    lead="dang",
    help=_OPEN_HELP,
)
OPEN_WITHIN = Phrase(
    "dialogues.open_within",
    "Cam kết đang thực hiện, đều trong hạn",
    "Đến ngày {den_ngay}, còn {dang} cam kết đang thực hiện trong hạn",
    help=_OPEN_HELP,
)
OPEN_ALL_OVERDUE = Phrase(
    "dialogues.open_all_overdue",
    "Cam kết đang thực hiện, đều quá hạn",
    "Đến ngày {den_ngay}, còn {dang} cam kết đã quá hạn nhưng chưa thực hiện xong",
    help=_OPEN_HELP,
)

_CAMPAIGN_HELP = {
    "cuoc": "số cuộc vận động nhân dân triển khai trong kỳ",
    "to": "số tổ công tác tuyên truyền, vận động của các cuộc vận động đó",
}
CAMPAIGNS_RUN = Phrase(
    "dialogues.campaigns",
    "Cuộc vận động nhân dân, tổ công tác",
    "Đã triển khai {cuoc} cuộc vận động nhân dân, thành lập {to} tổ công tác đẩy mạnh tuyên truyền, vận động người dân",
    zero="Trong kỳ không triển khai cuộc vận động nhân dân nào",
    lead="cuoc",
    help=_CAMPAIGN_HELP,
)
CAMPAIGNS_NO_GROUP = Phrase(
    "dialogues.campaigns_no_group",
    "Cuộc vận động nhân dân chưa có tổ công tác",
    "Đã triển khai {cuoc} cuộc vận động nhân dân",
    help=_CAMPAIGN_HELP,
)

_HOUSEHOLD_HELP = {
    "tiep_can": "số hộ đã tiếp cận, vận động",
    "dong_thuan": "số hộ đồng thuận",
    "ty_le": "tỷ lệ hộ đồng thuận trên số hộ đã tiếp cận, như “91,67%”",
}
HOUSEHOLDS = Phrase(
    "dialogues.households",
    "Hộ đã tiếp cận và đồng thuận",
    "Qua vận động đã tiếp cận {tiep_can} hộ, trong đó {dong_thuan} hộ đồng thuận, đạt {ty_le}",
    zero="Chưa ghi nhận kết quả tiếp cận, vận động hộ dân",
    lead="tiep_can",
    help=_HOUSEHOLD_HELP,
)
HOUSEHOLDS_NONE_AGREEING = Phrase(
    "dialogues.households_none_agreeing",
    "Chưa có hộ đồng thuận",
    "Qua vận động đã tiếp cận {tiep_can} hộ; chưa có hộ nào đồng thuận",
    help=_HOUSEHOLD_HELP,
)

VERSUS = Phrase(
    "dialogues.versus",
    "So sánh với cùng kỳ năm trước",
    "So với {cung_ky}, số cuộc đối thoại, tiếp xúc cử tri {so_cuoc}; số ý kiến, kiến nghị tiếp nhận {y_kien}; "
    "số cam kết đã thực hiện xong {xong}",
    help={
        "so_cuoc": "mức tăng, giảm số cuộc đối thoại, tiếp xúc cử tri, như “tăng 12 (92,31%)”",
        "y_kien": "mức tăng, giảm số ý kiến, kiến nghị",
        "xong": "mức tăng, giảm số cam kết đã thực hiện xong",
    },
)

PHRASES = (
    MEETINGS_HELD,
    DIALOGUES_ONLY,
    VOTERS_ONLY,
    ISSUES_RAISED,
    ISSUES_ALL_ANSWERED,
    ISSUES_NONE_ANSWERED,
    COMMITMENTS_MADE,
    KEPT,
    KEPT_ALL_ON_TIME,
    KEPT_ALL_LATE,
    OPEN,
    OPEN_WITHIN,
    OPEN_ALL_OVERDUE,
    CAMPAIGNS_RUN,
    CAMPAIGNS_NO_GROUP,
    HOUSEHOLDS,
    HOUSEHOLDS_NONE_AGREEING,
    VERSUS,
)


def paragraphs(context: Context, now: Figures, last_year: Figures) -> list[Said | str]:
    """The narrative of the period, sentence by sentence (each with its wording for the zero cases)."""
    out: list[Said | str] = []
    held, dialogues, voters = as_int(now["meetings"]), as_int(now["dialogues"]), as_int(now["voter_contacts"])
    meeting_phrase = DIALOGUES_ONLY if held and not voters else VOTERS_ONLY if held and not dialogues else MEETINGS_HELD
    out.append(Said(meeting_phrase, {"so_cuoc": held, "doi_thoai": dialogues, "tiep_xuc": voters}))
    issues, answered = as_int(now["issues"]), as_int(now["answered"])
    if held or issues:
        phrase = part_phrase(issues, answered, ISSUES_RAISED, ISSUES_NONE_ANSWERED, ISSUES_ALL_ANSWERED)
        out.append(Said(phrase, {"y_kien": issues, "tra_loi": answered, "ty_le": rate(answered, issues)}))
    made, kept, opened = as_int(now["commitments"]), as_int(now["kept"]), as_int(now["open"])
    if held or made or kept or opened:  # nothing held and nothing to follow: the first sentence says it all
        out.append(Said(COMMITMENTS_MADE, {"cam_ket": made}))
    if made or kept or opened:
        on_time, late = as_int(now["kept_on_time"]), as_int(now["kept_late"])
        phrase = KEPT_ALL_LATE if kept and not on_time else KEPT_ALL_ON_TIME if kept and not late else KEPT
        out.append(Said(phrase, {"xong": kept, "dung_han": on_time, "tre_han": late, "ty_le": rate(on_time, kept)}))
        overdue = as_int(now["overdue"])
        phrase = part_phrase(opened, overdue, OPEN, OPEN_WITHIN, OPEN_ALL_OVERDUE)
        out.append(Said(phrase, {"den_ngay": until(context), "dang": opened, "qua_han": overdue}))
    campaigns, groups = as_int(now["campaigns"]), as_int(now["working_groups"])
    if campaigns:
        out.append(Said(CAMPAIGNS_NO_GROUP if not groups else CAMPAIGNS_RUN, {"cuoc": campaigns, "to": groups}))
        reached, agreeing = as_int(now["households_reached"]), as_int(now["households_agreeing"])
        phrase = part_phrase(reached, agreeing, HOUSEHOLDS, HOUSEHOLDS_NONE_AGREEING)
        out.append(Said(phrase, {"tiep_can": reached, "dong_thuan": agreeing, "ty_le": rate(agreeing, reached)}))
    compared = (("so_cuoc", "meetings"), ("y_kien", "issues"), ("xong", "kept"))
    if any_counted((now, last_year), (name for _, name in compared)):
        out.append(Said(VERSUS, changes(now, last_year, compared)))
    return out


# --- the tables and charts -------------------------------------------------------------------------


def issues_by_field(target: Target, now: Figures) -> tuple[TableData, Chart] | None:
    """The opinions by field (those listed one by one), the rest as "not detailed"."""
    cells = compute(ISSUES, target, measures=("raised", "answered"), breakdown=("field",)).cells
    labels = dict(rules.Field.choices)
    rows: list[list[Cell]] = []
    listed_raised = listed_answered = 0
    order = {value: n for n, value in enumerate(rules.Field.values)}
    for (field_name,), values in sorted(cells.items(), key=lambda kv: order.get(kv[0][0], len(order))):
        raised, answered = as_int(values["raised"]), as_int(values["answered"])
        if not raised:
            continue
        listed_raised, listed_answered = listed_raised + raised, listed_answered + answered
        rows.append([labels.get(field_name, field_name), raised, answered, rate(answered, raised)])
    if not rows:
        return None
    chart = Chart(
        title="Ý kiến, kiến nghị theo lĩnh vực",
        kind="bar",
        labels=[str(r[0]) for r in rows],
        series=[("Ý kiến, kiến nghị", [float(as_int(r[1])) for r in rows])],
    )
    total_raised, total_answered = (
        max(as_int(now["issues"]), listed_raised),
        max(as_int(now["answered"]), listed_answered),
    )
    rest_raised, rest_answered = total_raised - listed_raised, max(total_answered - listed_answered, 0)
    if rest_raised:
        rows.append(["Chưa ghi chi tiết lĩnh vực", rest_raised, rest_answered, rate(rest_answered, rest_raised)])
    rows.append([TOTAL, total_raised, total_answered, rate(total_answered, total_raised)])
    table = TableData(
        title="Ý kiến, kiến nghị của nhân dân theo lĩnh vực",
        columns=["Lĩnh vực", "Số ý kiến, kiến nghị", "Trả lời tại hội nghị", "Tỷ lệ trả lời"],
        rows=rows,
    )
    return table, chart


def overdue_table(context: Context, target: Target, count: int) -> TableData | None:
    """The commitments overdue at the period's end (or today), the oldest first."""
    prefixes = target.prefixes(VIEW)
    if not count or not prefixes:
        return None
    day = until(context)
    overdue = COMMITMENTS.condition(COMMITMENTS.measure("open_overdue"), target.window)
    found = (
        Commitment.objects.filter(COMMITMENTS.under(prefixes), overdue)
        .select_related("unit", "responsible_organization")
        .order_by("due_on", "pk")[:LIST_LIMIT]
    )
    rows: list[list[Cell]] = [
        [c.unit.name, c.content, c.responsible_label, c.due_on, (day - c.due_on).days] for c in found
    ]
    shown = list_note(len(rows), count, "cam kết quá hạn lâu nhất")
    return TableData(
        title=f"Cam kết quá hạn chưa thực hiện xong, tính đến ngày {format_date(day)}{shown}",
        columns=["Đơn vị", "Nội dung cam kết", "Cơ quan chịu trách nhiệm", "Hạn thực hiện", "Số ngày quá hạn"],
        rows=rows,
    )


def campaign_table(target: Target) -> TableData | None:
    """The campaigns worked in the period: their working groups and households."""
    prefixes = target.prefixes(VIEW)
    if not prefixes:
        return None
    active = CAMPAIGN_FIGURES.condition(CAMPAIGN_FIGURES.measure("campaigns"), target.window)
    found = list(
        Campaign.objects.filter(CAMPAIGN_FIGURES.under(prefixes), active)
        .select_related("unit")
        .annotate(group_count=Count("groups"))
        .order_by("-households_reached", "pk")[:LIST_LIMIT]
    )
    if not found:
        return None
    rows: list[list[Cell]] = [
        [
            c.name,
            c.unit.name,
            c.get_status_display(),
            c.group_count,
            c.households_reached,
            c.households_agreeing,
            rate(c.households_agreeing, c.households_reached),
        ]
        for c in found
    ]
    return TableData(
        title="Các cuộc vận động nhân dân",
        columns=["Cuộc vận động", "Đơn vị", "Tình trạng", "Tổ công tác", "Hộ đã tiếp cận", "Hộ đồng thuận",
                 "Tỷ lệ đồng thuận"],
        rows=rows,
    )  # fmt: skip


MEETING_COLUMNS = ("dialogues", "voter_contacts", "issues_raised", "issues_answered")
COMMITMENT_COLUMNS = ("made", "kept_on_time", "kept_late", "open_overdue")


def build(context: Context, now: Figures, previous: Figures, last_year: Figures) -> Built:
    """The narrative, the tables (the three periods side by side, by sub-unit, by field, the overdue
    commitments, the campaigns) and the charts by month and by field."""
    target = context.target()
    built = Built(paragraphs=paragraphs(context, now, last_year))
    built.tables.append(comparison_table(SECTION, context, now, previous, last_year))
    by_unit = unit_table(
        context,
        "Kết quả đối thoại, tiếp xúc cử tri và thực hiện cam kết theo đơn vị",
        [
            ("Đối thoại trực tiếp", ("dialogues",)),
            ("Tiếp xúc cử tri", ("voter_contacts",)),
            ("Ý kiến, kiến nghị", ("issues_raised",)),
            ("Trả lời tại hội nghị", ("issues_answered",)),
            ("Cam kết đưa ra", ("made",)),
            ("Đã thực hiện xong", ("kept_on_time", "kept_late")),
            ("Quá hạn", ("open_overdue",)),
        ],
        [
            compute(MEETING_FIGURES, target, measures=MEETING_COLUMNS, by_unit=MEETING_COLUMNS),
            compute(COMMITMENTS, target, measures=COMMITMENT_COLUMNS, by_unit=COMMITMENT_COLUMNS),
        ],
    )
    if by_unit is not None:
        built.tables.append(by_unit)
    fields = issues_by_field(target, now) if as_int(now["issues"]) else None
    if fields is not None:
        built.tables.append(fields[0])
    overdue = overdue_table(context, target, as_int(now["overdue"]))
    if overdue is not None:
        built.tables.append(overdue)
    campaigns = campaign_table(target) if as_int(now["campaigns"]) else None
    if campaigns is not None:
        built.tables.append(campaigns)
    for chart in (
        month_chart(
            "Số cuộc đối thoại, tiếp xúc cử tri theo tháng",
            target,
            [
                (MEETING_FIGURES, "dialogues", "Đối thoại trực tiếp"),
                (MEETING_FIGURES, "voter_contacts", "Tiếp xúc cử tri"),
            ],
            skip_empty=True,
        ),
        month_chart(
            "Cam kết đưa ra và đã thực hiện xong theo tháng",
            target,
            [
                (COMMITMENTS, "made", "Cam kết đưa ra"),
                (COMMITMENTS, "kept_on_time", "Thực hiện xong đúng hạn"),
                (COMMITMENTS, "kept_late", "Thực hiện xong chậm"),
            ],
            skip_empty=True,
        ),
        fields[1] if fields is not None else None,
    ):
        if chart is not None:
            built.charts.append(chart)
    return built


SECTION = Section(
    key="dialogues",
    title="Công tác đối thoại, tiếp xúc cử tri và thực hiện các cam kết",
    order=60,
    permission=VIEW,
    figures=figures,
    labels=LABELS,
    build=build,
    phrases=PHRASES,
    percents=PERCENTS,
)
