"""The figures of the "Dân vận khéo" area, declared once for the statistics layer.

Each measure says which date puts a model in the period: its registration, its recognition
decision (at any level), its choice as exemplary, a commendation decision, its replication.
"""

from __future__ import annotations

from danvan.initiatives.models import Initiative, ResultValue
from danvan.stats.engine import Measure, Source

INITIATIVES = Source(
    model=Initiative,
    measures=(
        Measure("registered", "Đăng ký", date="registered_on"),
        Measure("recognised", "Được công nhận", date="recognised_on"),
        Measure("exemplary", "Điển hình tiêu biểu", date="exemplary_on"),
        # A model with two commendations in the period is one commended model.
        Measure("commended", "Được khen thưởng", date="commendations__decision_date"),
        Measure("replicated", "Được nhân rộng", date="replicated_on"),
    ),
)

#: The measured results (m² of land donated, money, workdays…), summed per metric over the progress
#: reports whose period ends in the period.
RESULTS = Source(
    model=ResultValue,
    path="initiative__unit__path",
    measures=(Measure("result", "Kết quả đo được", date="period_end", aggregate="sum", field="value"),),
)

SOURCES = (INITIATIVES, RESULTS)
