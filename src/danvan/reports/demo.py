"""The demo's reports: the issuers' templates of Thái Nguyên (the People's Committee, and the Party's Ban
Tuyên giáo và Dân vận Tỉnh ủy), phường Đức Xuân's report of the first half of 2026 issued with its number,
and its nine-month report left as a draft — all through the services, as an officer would make them."""

from __future__ import annotations

import datetime

from django.utils import timezone

from danvan.accounts.models import User
from danvan.core.actors import SystemActor
from danvan.reports import generation, periods, services
from danvan.reports.models import Template
from danvan.units.selectors import unit_by_code

OPERATOR = SystemActor("dữ liệu mẫu: báo cáo")


def seed_reports() -> None:
    province, ward = unit_by_code("19"), unit_by_code("01840")
    if Template.objects.filter(unit=province).exists():  # seeded already (make run again): nothing to add
        return
    services.save_template(actor=OPERATOR, unit=province, data={
        "name": "Báo cáo của Ủy ban nhân dân tỉnh", "fmt": "state", "issuer": "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
        "symbol": "BC-UBND", "place": "Thái Nguyên", "subject": "Kết quả công tác dân vận chính quyền {ky}",
        "recipients": "Ban Dân vận Trung ương (để b/c)\nThường trực Tỉnh ủy (để b/c)\nCác sở, ban, ngành\nLưu: VT, NC",
        "on_behalf": "TM. ỦY BAN NHÂN DÂN", "signer_title": "CHỦ TỊCH", "signer_name": "",
    })  # fmt: skip
    services.save_template(actor=OPERATOR, unit=province, data={
        "name": "Báo cáo của Ban Tuyên giáo và Dân vận Tỉnh ủy", "fmt": "party", "parent": "TỈNH ỦY THÁI NGUYÊN",
        "issuer": "BAN TUYÊN GIÁO VÀ DÂN VẬN", "symbol": "BC/BTGDVTU", "place": "Thái Nguyên",
        "subject": "Sơ kết công tác dân vận {ky}", "recipients": "Ban Tuyên giáo và Dân vận Trung ương\nThường trực Tỉnh ủy\nLưu: VP",
        "on_behalf": "T/M BAN TUYÊN GIÁO VÀ DÂN VẬN", "signer_title": "TRƯỞNG BAN", "signer_name": "",
    })  # fmt: skip
    leader = User.objects.get(username="ducxuan.lanhdao")
    year = timezone.localdate().year
    for code, issue in (("h1", True), ("9m", False)):
        period = periods.parse(code, year)
        if period.end >= timezone.localdate() and issue:
            continue
        report = services.start_draft(actor=leader, unit=ward, period=period, period_code=code,
                                      period_label=periods.label(code, period))  # fmt: skip
        report = generation.generate(report.pk)  # the worker's work, done here so the demo opens at once
        if issue:
            services.issue(actor=leader, report=report, on=period.end + datetime.timedelta(days=5))
