"""The inspection's conclusion (thông báo kết luận kiểm tra) as DOCX, laid out by the kit's one document
engine (:mod:`danvan.core.officialdoc`): a Party document (Hướng dẫn 36-HD/VPTW) when the inspecting body is
a Party organ, a state one (Nghị định 30/2020/NĐ-CP) otherwise.

It reads: the plan (its number and date, what it checked, when), the team, per visited unit what was
checked, the strengths, the weaknesses and the figures noted, then the recommendations with the body
responsible and the deadline, "Nơi nhận", and the signature of the team head (or the signer the
conclusion names)."""

from __future__ import annotations

from decimal import Decimal

from danvan.core.officialdoc import Format, OfficialDocument, Signature, authority, render
from danvan.core.text import format_amount, format_date, format_number
from danvan.inspections import rules
from danvan.inspections.models import Plan
from danvan.units.models import Unit

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def place_of(unit: Unit) -> str:
    """The place name of the date line: a commune-level body's commune, else its province (DOMAIN §7.1)."""
    return unit.short_name or unit.name


def filename(plan: Plan) -> str:
    number = (plan.conclusion_number or plan.number).replace("/", "-").replace(" ", "")
    return f"thong-bao-ket-luan-kiem-tra-{number}.docx"


def conclusion(plan: Plan) -> OfficialDocument:
    """The conclusion of ``plan`` as a document to render (no database write)."""
    fmt = Format.PARTY if plan.party_document else Format.STATE
    members = list(plan.members.all())
    head = next((m for m in members if m.role == rules.MemberRole.HEAD), None)
    visits = list(plan.visits.select_related("unit").prefetch_related("figures").order_by("visited_on", "pk"))
    recs = list(plan.recommendations.select_related("unit").order_by("order", "pk"))
    doc = OfficialDocument(
        issuer=header_name(plan.body_name, plan.parent_body_name),
        parent=plan.parent_body_name,
        doc_type="Thông báo",
        subject=f"Kết luận kiểm tra {' và '.join(_lower_first(label) for label in plan.scope_labels)}",
        fmt=fmt,
        number=plan.conclusion_number or f"     -TB/{plan.number.split('/')[-1]}",
        place=plan.place or place_of(plan.unit),
        day=plan.conclusion_date,
        recipients=[line for line in plan.recipients.splitlines() if line.strip()]
        or [*dict.fromkeys(v.unit.name for v in visits), "Lưu"],
        signature=Signature(
            title=plan.signer_title or "Trưởng đoàn",
            name=plan.signer_name or (head.name if head else ""),
            on_behalf=authority("TM", "Đoàn kiểm tra", fmt) if not plan.signer_title else "",
        ),
    )
    units = "; ".join(u.name for u in plan.units.all())
    doc.paragraph(
        f"Thực hiện Kế hoạch số {plan.number} ngày {format_date(plan.plan_date)} của {plan.body_name} về "
        f"{plan.title[:1].lower()}{plan.title[1:]}, từ ngày {format_date(plan.start_on)} đến ngày "
        f"{format_date(plan.end_on)}, Đoàn kiểm tra đã kiểm tra tại: {units}."
    )
    if members:
        doc.paragraph("Thành phần Đoàn kiểm tra:")
        doc.bullets([f"{m.get_role_display()}: {m.name}" + (f", {m.position}" if m.position else "") for m in members])
    doc.paragraph(f"{plan.body_name} thông báo kết luận kiểm tra như sau:")
    section = 0
    doc.heading(f"{ROMAN[section]}. Kết quả kiểm tra")
    for n, visit in enumerate(visits, start=1):
        doc.heading(f"{n}. {visit.unit.name} (ngày {format_date(visit.visited_on)})", level=2)
        if visit.checked:
            doc.paragraph("Nội dung kiểm tra:", italic=True)
            doc.bullets(visit.checked)
        if visit.places:
            doc.paragraph(f"Kiểm tra thực tế tại: {visit.places}.")
        if visit.strengths:
            doc.paragraph("Ưu điểm:", bold=True)
            doc.paragraph(visit.strengths)
        if visit.weaknesses:
            doc.paragraph("Hạn chế, tồn tại:", bold=True)
            doc.paragraph(visit.weaknesses)
        figures = list(visit.figures.all())
        if figures:
            doc.paragraph("Số liệu ghi nhận:", bold=True)
            doc.table(
                ["STT", "Chỉ tiêu", "Số liệu", "Đơn vị tính"],
                [[str(i), f.label, _figure(f.value), f.unit_label] for i, f in enumerate(figures, start=1)],
                widths=(14, 91, 28, 32),
            )
    if plan.conclusion_summary:
        section += 1
        doc.heading(f"{ROMAN[section]}. Nhận xét, đánh giá chung")
        doc.paragraph(plan.conclusion_summary)
    if recs:
        section += 1
        doc.heading(f"{ROMAN[section]}. Kiến nghị")
        doc.table(
            ["STT", "Nội dung kiến nghị", "Đơn vị, cơ quan chịu trách nhiệm", "Thời hạn"],
            [[str(i), r.content, _responsible(r.responsible, r.unit.name), format_date(r.due_on)]
             for i, r in enumerate(recs, start=1)],
            widths=(14, 85, 40, 26),
        )  # fmt: skip
        doc.paragraph(
            "Đề nghị các đơn vị, cơ quan được kiến nghị tổ chức thực hiện và báo cáo kết quả, kèm minh chứng, "
            f"về {plan.body_name} đúng thời hạn nêu trên."
        )
    return doc


def header_name(body: str, parent: str) -> str:
    """The issuing organ as the header prints it under its parent: "Ban Tuyên giáo và Dân vận" under "Tỉnh ủy
    Thái Nguyên", not "Ban Tuyên giáo và Dân vận Tỉnh ủy Thái Nguyên" twice over (DOMAIN §7.2)."""
    if parent and body.lower().endswith(" " + parent.lower()):
        return body[: -len(parent) - 1].strip()
    return body


def _lower_first(text: str) -> str:
    """ "Phong trào thi đua “Dân vận khéo”" → "phong trào thi đua “Dân vận khéo”": only the first letter."""
    return text[:1].lower() + text[1:]


def _responsible(body: str, unit: str) -> str:
    return body if unit.lower() in body.lower() else f"{body} ({unit})"


def _figure(value: object) -> str:
    number = Decimal(str(value))
    if number == number.to_integral_value():
        whole = int(number)
        return f"{whole:02d}" if 0 <= whole < 10 else format_number(whole)
    return format_amount(number)


def render_conclusion(plan: Plan) -> bytes:
    return render(conclusion(plan))
