import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.access import SYSTEM
from danvan.core import calendar, services
from danvan.core.models import CalendarOverride, Event
from danvan.core.selectors import current_calendar


@pytest.mark.django_db
def test_events_are_append_only(tree) -> None:
    event = services.record_event(
        subject=tree.commune_a,
        unit=tree.commune_a,
        actor=SYSTEM,
        action="test",
        from_state="a",
        to_state="b",
        note="ghi chú",
    )
    assert list(Event.objects.for_object(tree.commune_a)) == [event]
    event.note = "sửa"
    with pytest.raises(ValueError, match="chỉ được ghi thêm"):
        event.save()
    with pytest.raises(ValueError, match="chỉ được ghi thêm"):
        event.delete()


@pytest.mark.django_db
def test_override_changes_the_calendar_and_runs_registered_recomputations() -> None:
    seen: list[bool] = []

    def recompute(cal: calendar.WorkCalendar) -> int:
        seen.append(cal.is_working_day(dt.date(2026, 12, 31)))
        return 7

    calendar.register_recomputation("test", recompute)
    try:
        _, counts = services.set_calendar_override(
            day=dt.date(2026, 12, 31), kind="off", source_doc="Thông báo 123/TB-BNV"
        )
        assert counts["test"] == 7
        assert seen == [False]
        assert not current_calendar().is_working_day(dt.date(2026, 12, 31))
        services.remove_calendar_override(day=dt.date(2026, 12, 31))
        assert seen == [False, True]
        assert current_calendar().is_working_day(dt.date(2026, 12, 31))
    finally:
        calendar._recomputations.pop("test")


@pytest.mark.django_db
def test_override_needs_its_source_document_and_writes_nothing_without_it() -> None:
    with pytest.raises(ValidationError) as info:
        services.set_calendar_override(day=dt.date(2026, 12, 31), kind="off", source_doc="  ")
    assert "source_doc" in info.value.message_dict
    assert not CalendarOverride.objects.exists()
    with pytest.raises(ValidationError):
        services.set_calendar_override(day=dt.date(2026, 12, 31), kind="holiday", source_doc="x")
    with pytest.raises(ValidationError):
        services.remove_calendar_override(day=dt.date(2026, 12, 30))
