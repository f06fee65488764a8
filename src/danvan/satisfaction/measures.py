"""The figures of the satisfaction survey, declared once for the statistics layer (DOMAIN §4.1).

An answer is in the period by the day it was answered (``answered_on``). ``valid`` counts the answers
1–5 ("không ý kiến" and blanks are not valid), ``satisfied`` those that are 4 or 5: the index of an
element (or overall) is ``satisfied / valid`` over its question's answers. The ``overall_*`` measures
are the overall question's alone, for the ranking of sibling units by sub-unit. Registered under
``satisfaction.*`` (:mod:`danvan.stats.registry`).
"""

from __future__ import annotations

from django.db.models import Q

from danvan.accounts import roles
from danvan.satisfaction import rules
from danvan.satisfaction.models import Answer, ExpectationChoice, Response
from danvan.stats.engine import Measure, Source

_VALID = Q(value__isnull=False)
_SATISFIED = Q(value__in=sorted(rules.SATISFIED))
_OVERALL = Q(kind=rules.ItemKind.OVERALL)

ANSWERS = Source(
    model=Answer,
    permission=roles.SATISFACTION.view,
    measures=(
        Measure("answers", "Câu trả lời", date="answered_on"),
        Measure("valid", "Câu trả lời hợp lệ", date="answered_on", where=_VALID),
        Measure("satisfied", "Hài lòng, rất hài lòng", date="answered_on", where=_SATISFIED),
        Measure("very_satisfied", "Rất hài lòng", date="answered_on", where=Q(value=5)),
        Measure("unsatisfied", "Không hài lòng, rất không hài lòng", date="answered_on", where=Q(value__lte=2)),
        Measure("overall_valid", "Câu hài lòng chung hợp lệ", date="answered_on", where=_OVERALL & _VALID),
        Measure("overall_satisfied", "Hài lòng chung", date="answered_on", where=_OVERALL & _SATISFIED),
    ),
)

RESPONSES = Source(
    model=Response,
    permission=roles.SATISFACTION.view,
    measures=(
        Measure("responses", "Phiếu trả lời", date="answered_on"),
        Measure("paper", "Phiếu giấy", date="answered_on", where=Q(channel=rules.Channel.PAPER)),
        Measure("online", "Phiếu trực tuyến", date="answered_on", where=Q(channel=rules.Channel.ONLINE)),
    ),
)

EXPECTATIONS = Source(
    model=ExpectationChoice,
    permission=roles.SATISFACTION.view,
    measures=(Measure("chosen", "Lượt chọn", date="answered_on"),),
)

SOURCES = (ANSWERS, RESPONSES, EXPECTATIONS)
