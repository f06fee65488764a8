"""factory_boy factories for every model of the foundation."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import factory

from danvan.accounts.access import SYSTEM
from danvan.accounts.models import RoleAssignment, User
from danvan.units.models import Organization, OrganizationKind, Staffing, Unit, UnitLineage
from danvan.units.rules import Kind, full_name, level_of

PASSWORD = "mat-khau-kiem-thu-2026"


class UnitFactory(factory.django.DjangoModelFactory):
    """A unit; pass ``parent=`` to put it under another (roots otherwise)."""

    class Meta:
        model = Unit

    kind = Kind.TINH
    short_name = factory.Sequence(lambda n: f"Đơn vị {n}")
    code = factory.Sequence(lambda n: f"{n:05d}")

    @classmethod
    def _create(cls, model_class: type[Unit], *args: Any, **kwargs: Any) -> Unit:
        parent = kwargs.pop("parent", None)
        kwargs.setdefault("name", full_name(kwargs["kind"], kwargs["short_name"]))
        kwargs.setdefault("level", level_of(kwargs["kind"]))
        if parent is None:
            return Unit.objects.add_root(create_kwargs=kwargs)
        node = Unit.objects.add_child(parent, create_kwargs=kwargs)
        parent.refresh_from_db()
        return node


class LineageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitLineage

    kind = "merge"
    effective_date = datetime.date(2025, 7, 1)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Cơ quan {n}")
    kind = OrganizationKind.PEOPLES_COMMITTEE


class StaffingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staffing

    year = 2018
    civil_servants = 10
    public_employees = 20


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.save()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = "officer"
    valid_from = datetime.date(2025, 7, 1)


# --- "Dân vận khéo" ------------------------------------------------------------------------------


_initiative_numbers = itertools.count(1)


def make_initiative(unit: Unit, status: str = "draft", **fields: Any) -> Any:
    """A model of ``unit`` walked through the services to ``status`` (the system acting, actor=SYSTEM)."""
    from danvan.initiatives import rules, services
    from danvan.initiatives.models import Criterion, Field

    field = Field.objects.get(parent=None, name="Kinh tế")
    data = services.Registration(
        name=fields.pop("name", f"Mô hình số {next(_initiative_numbers)}"),
        field=fields.pop("field", field),
        year=fields.pop("year", 2026),
        owner_name=fields.pop("owner_name", "Chi bộ thôn"),
        **fields,
    )
    initiative = services.create_initiative(actor=SYSTEM, unit=unit, data=data)
    path = [
        "registered",
        "launched",
        "in_progress",
        "proposed",
        "under_review",
        "recognised",
        "exemplary",
        "commended",
        "replicated",
    ]
    if status in ("draft",):
        return initiative
    if status == "not_recognised":
        target_path = path[: path.index("under_review") + 1]
    elif status == "discontinued":
        target_path = path[: path.index("in_progress") + 1]
    else:
        target_path = path[: path.index(status) + 1]
    day = datetime.date(2026, 1, 15)
    for step in target_path:
        if step == "registered":
            services.register_initiative(actor=SYSTEM, initiative=initiative, on=day)
        elif step == "launched":
            services.launch(actor=SYSTEM, initiative=initiative, on=day)
        elif step == "in_progress":
            services.start_tracking(actor=SYSTEM, initiative=initiative)
        elif step == "proposed":
            services.propose(actor=SYSTEM, initiative=initiative, on=datetime.date(2026, 9, 1))
        elif step == "under_review":
            chair = UserFactory()
            RoleAssignmentFactory(user=chair, role="admin", unit=None)
            review = services.open_review(actor=SYSTEM, initiative=initiative, chair=chair, members=[])
            services.score(
                actor=chair,
                review=review,
                marks={c.pk: (8, "") for c in Criterion.objects.filter(active=True)},
            )
        elif step == "recognised":
            services.recognise(
                actor=SYSTEM,
                initiative=initiative,
                level=rules.RecognitionLevel.BASE,
                decision_no="12-QĐ/ĐU",
                decided_on=datetime.date(2026, 10, 1),
                issuer="Đảng ủy xã",
            )
        elif step == "exemplary":
            services.make_exemplary(actor=SYSTEM, initiative=initiative, on=datetime.date(2026, 10, 5))
        elif step == "commended":
            services.commend(
                actor=SYSTEM,
                initiative=initiative,
                form="giay_khen",
                issuer_type="state",
                issuer="Chủ tịch UBND xã",
                decision_no="45/QĐ-UBND",
                decided_on=datetime.date(2026, 10, 10),
            )
        elif step == "replicated":
            other = UnitFactory(parent=unit, kind=Kind.THON, code="")
            services.replicate(actor=SYSTEM, initiative=initiative, units=[other], on=datetime.date(2026, 10, 20))
    if status == "not_recognised":
        services.reject(actor=SYSTEM, initiative=initiative, level="co_so", reason="Chưa đủ thời gian thực hiện")
    if status == "discontinued":
        services.discontinue(actor=SYSTEM, initiative=initiative, reason="Chủ thể chuyển công tác")
    initiative.refresh_from_db()
    assert initiative.status == status
    return initiative
