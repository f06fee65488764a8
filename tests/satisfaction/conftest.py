"""Satisfaction fixtures: the province's published SIPAS questionnaire, a campaign of the province over
Xã A and Xã B (two procedures each), open, and a campaign of Xã A alone."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from danvan.core.actors import SystemActor
from danvan.satisfaction import selectors, services
from danvan.satisfaction.models import Campaign, Questionnaire
from tests.conftest import Personas, Tree

SYSTEM = SystemActor("kiểm thử")
START = datetime.date(2026, 1, 5)
END = datetime.date(2026, 12, 31)
DAY = datetime.date(2026, 3, 10)


@dataclass
class Survey:
    questionnaire: Questionnaire
    campaign: Campaign
    campaign_a: Campaign
    structure: selectors.Structure

    @property
    def overall(self) -> int:
        assert self.structure.overall is not None
        return self.structure.overall.pk

    def element_item(self, n: int) -> int:
        own = self.structure.elements[n][2]
        assert own is not None
        return own.pk

    def criterion(self, n: int, i: int = 0) -> int:
        return self.structure.elements[n][1][i].pk


@pytest.fixture
def survey(tree: Tree, personas: Personas) -> Survey:
    questionnaire = services.create_questionnaire(actor=SYSTEM, unit=tree.province, name="Phiếu SIPAS", year=2026)
    services.publish_questionnaire(actor=SYSTEM, questionnaire=questionnaire)
    plan = [
        {"unit": u, "procedure_code": code, "procedure_name": name, "quota": 3}
        for u in (tree.commune_a, tree.commune_b)
        for code, name in (("1.001193", "Đăng ký khai sinh"), ("2.000815", "Chứng thực bản sao"))
    ]
    campaign = services.create_campaign(
        actor=SYSTEM,
        questionnaire=questionnaire,
        unit=tree.province,
        name="Khảo sát 2026",
        starts_on=START,
        ends_on=END,
        plan=plan,
    )
    services.open_campaign(actor=SYSTEM, campaign=campaign)
    campaign_a = services.create_campaign(
        actor=SYSTEM,
        questionnaire=questionnaire,
        unit=tree.commune_a,
        name="Khảo sát xã A",
        starts_on=START,
        ends_on=END,
        plan=[{"unit": tree.commune_a, "procedure_code": "1.001193", "procedure_name": "Khai sinh", "quota": 2}],
    )
    services.open_campaign(actor=SYSTEM, campaign=campaign_a)
    return Survey(questionnaire, campaign, campaign_a, selectors.structure_of(questionnaire))


def answer_all(survey: Survey, value: int | None, **overrides: int | None) -> dict[int, int | None]:
    """Every item answered ``value``; ``overrides`` by item id as "i<id>"."""
    answers = {item.pk: value for item in survey.structure.items}
    for key, v in overrides.items():
        answers[int(key[1:])] = v
    return answers
