"""factory_boy factories for every model of the foundation."""

from __future__ import annotations

import datetime
from typing import Any

import factory

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
