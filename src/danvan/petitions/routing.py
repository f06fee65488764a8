"""The default routing table: which body is competent for a letter, by kind, field and receiving level.

Each row cites its legal basis and carries the evidence tag of DOMAIN.md §0.1 ([V] checked against a
named text, [M] general knowledge, [?] uncertain). The table is what a new instance starts with; the
administrators own it afterwards (``RoutingRule`` in the admin): :func:`load_defaults` only creates the
rows that are missing, so an edited or deactivated row stays as the administrator left it. A row
deleted by hand comes back on the next load; deactivate it instead.

Since 01/07/2025 there is no district level (Luật Tổ chức chính quyền địa phương 72/2025/QH15): what
the 2011, 2018 and 2024 laws give the district chairman is taken over by the commune or the province
chairman, which the rows say where it matters. The table suggests; the officer decides (DOMAIN §1.2,
competence axis, TT 07/2014/TT-TTCP Điều 6.3).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction

from danvan.petitions.models import RoutingRule, Subject
from danvan.petitions.rules import LetterKind
from danvan.units.rules import Level

KN, TC, KNG, PA, MIXED = (
    LetterKind.COMPLAINT,
    LetterKind.DENUNCIATION,
    LetterKind.PROPOSAL,
    LetterKind.REPORT,
    LetterKind.MIXED,
)
COMMUNE, PROVINCE = Level.COMMUNE, Level.PROVINCE

# The subjects of petitions/reference.py, by name.
LAND = "Đất đai"
CLEARANCE = "Giải phóng mặt bằng, bồi thường, hỗ trợ, tái định cư"
POLICY = "Chế độ, chính sách"
ENVIRONMENT = "Môi trường"
JUSTICE = "Tư pháp"
CORRUPTION = "Tham nhũng, tiêu cực"
PLANNING = "Quy hoạch, xây dựng, di dời chợ"


@dataclass(frozen=True)
class DefaultRule:
    """One row of the default table; ``subject`` is a subject's name ("" for every field)."""

    kind: str
    subject: str
    level: str
    body: str
    handling: str
    basis: str
    evidence: str  # [V], [M] or [?] (DOMAIN.md §0.1): how sure the row is; for whoever reviews the table


_LAND_COMMUNE = DefaultRule(
    KNG,
    LAND,
    COMMUNE,
    "UBND cấp xã (hòa giải); Chủ tịch UBND cấp xã (giải quyết tranh chấp đất đai)",
    "Hòa giải tại UBND cấp xã; không thành thì giải quyết tranh chấp hoặc hướng dẫn khởi kiện",
    "Luật Đất đai 2024, Điều 235 (hòa giải tại UBND cấp xã), Điều 236; NĐ 151/2025/NĐ-CP (thẩm quyền của "
    "Chủ tịch UBND cấp huyện chuyển cho Chủ tịch UBND cấp xã từ 01/7/2025)",
    "[M]",
)
_LAND_PROVINCE = DefaultRule(
    KNG,
    LAND,
    PROVINCE,
    "Chủ tịch UBND cấp tỉnh (tranh chấp có một bên là tổ chức, cơ sở tôn giáo, người Việt Nam định cư ở "
    "nước ngoài, tổ chức kinh tế có vốn đầu tư nước ngoài)",
    "Tranh chấp giữa hộ gia đình, cá nhân: chuyển UBND cấp xã hòa giải, giải quyết",
    "Luật Đất đai 2024, Điều 235, Điều 236; NĐ 151/2025/NĐ-CP (phân định thẩm quyền từ 01/7/2025)",
    "[M]",
)
_FIELD_COMMUNE = (
    "UBND cấp xã (công chức, phòng chuyên môn phụ trách lĩnh vực)",
    "Xem xét, trả lời; không thuộc thẩm quyền thì chuyển đơn một lần",
    "Luật Tiếp công dân 2013, Điều 2.2; TT 05/2021/TT-TTCP, Điều 14.1 (chỉ chuyển đơn một lần)",
)


#: (subject, body, basis) of the fields whose department is named (the 2025 mergers of departments [M]).
_ENVIRONMENT = (
    ENVIRONMENT,
    "Sở Nông nghiệp và Môi trường",
    "Luật Bảo vệ môi trường 2020; Luật Tiếp công dân 2013, Điều 2.2 (Sở Tài nguyên và Môi trường hợp nhất vào "
    "Sở Nông nghiệp và Môi trường năm 2025)",
)
_POLICY = (
    POLICY,
    "Sở Nội vụ (lao động, người có công, bảo hiểm xã hội); Sở Y tế (bảo trợ xã hội)",
    "Luật Tiếp công dân 2013, Điều 2.2 (Sở Lao động - Thương binh và Xã hội hợp nhất vào Sở Nội vụ, Sở Y tế năm 2025)",
)
_PLANNING = (
    PLANNING,
    "Sở Xây dựng",
    "Luật Xây dựng 2014; Luật Quy hoạch đô thị và nông thôn 2024; Luật Tiếp công dân 2013, Điều 2.2",
)


def _field(kind: str, subject: str, body: str, basis: str, evidence: str = "[M]") -> DefaultRule:
    """A proposal or a report on a field, received at the province: the department managing the field."""
    return DefaultRule(
        kind, subject, PROVINCE, body, "Chuyển cơ quan quản lý lĩnh vực xem xét, trả lời (một lần)", basis, evidence
    )


DEFAULT_RULES: tuple[DefaultRule, ...] = (
    # --- Khiếu nại: the head who issued the decision or whose staff acted resolves it first.
    DefaultRule(
        KN,
        "",
        COMMUNE,
        "Chủ tịch UBND cấp xã",
        "Thụ lý giải quyết lần đầu; không thuộc thẩm quyền thì hướng dẫn (một lần)",
        "Luật Khiếu nại 2011, Điều 17 (quyết định, hành vi hành chính của mình, của công chức do mình quản lý "
        "trực tiếp); Điều 27 (thụ lý)",
        "[V]",
    ),
    DefaultRule(
        KN,
        "",
        PROVINCE,
        "Chủ tịch UBND cấp tỉnh",
        "Lần đầu: quyết định của mình; lần hai: sau Chủ tịch UBND cấp xã, Giám đốc sở; còn lại hướng dẫn",
        "Luật Khiếu nại 2011, Điều 21; lần hai đối với Chủ tịch UBND cấp xã thay cấp huyện (Điều 18) từ "
        "01/7/2025, Luật 136/2025/QH15 — cần đối chiếu văn bản",
        "[?]",
    ),
    DefaultRule(
        KN,
        CLEARANCE,
        COMMUNE,
        "Chủ tịch UBND cấp xã (quyết định bồi thường, hỗ trợ, tái định cư, thu hồi đất do cấp xã ban hành)",
        "Thụ lý giải quyết lần đầu; quyết định của cấp tỉnh thì hướng dẫn gửi Chủ tịch UBND cấp tỉnh",
        "Luật Khiếu nại 2011, Điều 17; Luật Đất đai 2024, Điều 237 (khiếu nại về đất đai theo pháp luật khiếu "
        "nại); NĐ 151/2025/NĐ-CP",
        "[M]",
    ),
    # --- Tố cáo: the head managing the person denounced (Luật Tố cáo 2018, Điều 12.1).
    DefaultRule(
        TC,
        "",
        COMMUNE,
        "Chủ tịch UBND cấp xã",
        "Thụ lý nếu người bị tố cáo do mình quản lý trực tiếp; nếu không, chuyển đơn trong 05 ngày làm việc",
        "Luật Tố cáo 2018, Điều 13.1 (cán bộ, công chức do Chủ tịch UBND cấp xã quản lý trực tiếp); "
        "Điều 24.2 (chuyển đơn)",
        "[M]",
    ),
    DefaultRule(
        TC,
        "",
        PROVINCE,
        "Chủ tịch UBND cấp tỉnh",
        "Thụ lý tố cáo Chủ tịch, Phó Chủ tịch UBND cấp xã, Giám đốc sở; còn lại chuyển đơn (05 ngày làm việc)",
        "Luật Tố cáo 2018, Điều 13.4; tố cáo Chủ tịch, Phó Chủ tịch UBND cấp xã thay cấp huyện (Điều 13.2) "
        "từ 01/7/2025 — cần đối chiếu văn bản",
        "[?]",
    ),
    DefaultRule(
        TC,
        CORRUPTION,
        COMMUNE,
        "Chủ tịch UBND cấp xã (cán bộ do mình quản lý); có dấu hiệu tội phạm: Cơ quan điều tra, Viện kiểm sát",
        "Xử lý ban đầu trong 07 ngày làm việc; có dấu hiệu tội phạm thì chuyển trong 05 ngày làm việc",
        "Luật Tố cáo 2018, Điều 13.1, Điều 24.1, Điều 27; Luật Phòng, chống tham nhũng 2018",
        "[M]",
    ),
    DefaultRule(
        TC,
        CORRUPTION,
        PROVINCE,
        "Chủ tịch UBND cấp tỉnh, Thanh tra tỉnh; có dấu hiệu tội phạm: Cơ quan điều tra, Viện kiểm sát",
        "Xử lý ban đầu trong 07 ngày làm việc; có dấu hiệu tội phạm thì chuyển trong 05 ngày làm việc",
        "Luật Tố cáo 2018, Điều 13.4, Điều 24.1, Điều 27; Luật Phòng, chống tham nhũng 2018",
        "[M]",
    ),
    # --- Land disputes: mediation at the commune first, then the chairman (Luật Đất đai 2024).
    _LAND_COMMUNE,
    replace(_LAND_COMMUNE, kind=PA),
    _LAND_PROVINCE,
    replace(_LAND_PROVINCE, kind=PA),
    # --- Kiến nghị, phản ánh: the body managing the field (one definition, Luật Tiếp công dân 2013, Điều 2.2).
    DefaultRule(KNG, "", COMMUNE, *_FIELD_COMMUNE, "[V]"),
    DefaultRule(PA, "", COMMUNE, *_FIELD_COMMUNE, "[V]"),
    *(
        DefaultRule(
            kind,
            "",
            PROVINCE,
            "Sở, ngành quản lý lĩnh vực (thuộc UBND cấp tỉnh)",
            "Chuyển cơ quan quản lý lĩnh vực xem xét, trả lời (một lần)",
            "Luật Tiếp công dân 2013, Điều 2.2; TT 05/2021/TT-TTCP, Điều 14.1",
            "[V]",
        )
        for kind in (KNG, PA)
    ),
    *(_field(kind, *_ENVIRONMENT) for kind in (KNG, PA)),
    *(_field(kind, *_POLICY) for kind in (KNG, PA)),
    *(_field(kind, *_PLANNING) for kind in (KNG, PA)),
    # --- Judicial matters (judgments, prosecution, civil enforcement): not the administration's.
    *(
        DefaultRule(
            "",
            JUSTICE,
            level,
            "Tòa án, Viện kiểm sát, cơ quan thi hành án dân sự có thẩm quyền (hộ tịch, chứng thực: UBND cấp xã)",
            "Khiếu nại: hướng dẫn; tố cáo, kiến nghị, phản ánh: chuyển đơn (một lần)",
            "TT 07/2014/TT-TTCP, Điều 6.6 (đơn thuộc thẩm quyền cơ quan tiến hành tố tụng, thi hành án); "
            "TT 05/2021/TT-TTCP",
            "[V]",
        )
        for level in (COMMUNE, PROVINCE)
    ),
    # --- Several contents: the citizen is asked to write one letter per content.
    DefaultRule(
        MIXED,
        "",
        "",
        "Cơ quan nhận đơn: hướng dẫn công dân tách đơn theo từng nội dung",
        "Hướng dẫn viết đơn riêng cho từng nội dung khiếu nại, tố cáo, kiến nghị, phản ánh",
        "Luật Tiếp công dân 2013, Điều 25.3; TT 07/2014/TT-TTCP, Điều 6.1",
        "[V]",
    ),
)


@transaction.atomic
def load_defaults(rules_model: Any = RoutingRule, subjects_model: Any = Subject) -> int:
    """Create the default rules that are missing (national: no unit); returns how many were created.
    The models are the migration's when a migration installs them (``0010_routing_defaults``).

    A row is missing when no national rule has its kind, subject and level, whatever its body or its
    state; a row naming a subject the administrators renamed or removed is skipped."""
    subjects = {s.name: s for s in subjects_model.objects.all()}
    created = 0
    for row in DEFAULT_RULES:
        subject = subjects.get(row.subject) if row.subject else None
        if row.subject and subject is None:
            continue
        exists = rules_model.objects.filter(unit=None, kind=row.kind, subject=subject, level=row.level).exists()
        if exists:
            continue
        rules_model.objects.create(
            kind=row.kind, subject=subject, level=row.level, body=row.body, handling=row.handling, basis=row.basis
        )
        created += 1
    return created
