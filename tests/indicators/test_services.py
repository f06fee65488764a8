"""The services: every bad input of the issue is refused with a Vietnamese message naming the field, and
nothing is written — no value, no target, no event; the rights of officers, leaders and administrators."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.accounts.access import SYSTEM
from danvan.core.models import Event
from danvan.indicators import rules, services
from danvan.indicators.models import Indicator, Target, Value
from tests.indicators.conftest import define

pytestmark = pytest.mark.django_db
H1 = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


def record(indicator, unit, actor=SYSTEM, period=H1, **kw):
    values = {"source": "Báo cáo của UBND xã", **kw}
    return services.record_value(actor=actor, indicator=indicator, unit=unit, start=period[0], end=period[1], **values)


def target(indicator, unit, actor=SYSTEM, period=H1, **kw):
    values = {"comparison": rules.Comparison.LT, "value": D(6), "basis": "Nghị quyết", **kw}
    return services.set_target(actor=actor, indicator=indicator, unit=unit, start=period[0], end=period[1], **values)


def refused(call, **expected) -> None:
    """``call`` raises a ValidationError with exactly these messages per field, and writes nothing."""
    before = (Value.objects.count(), Target.objects.count(), Event.objects.count())
    with pytest.raises(ValidationError) as caught:
        call()
    assert {k: " ".join(v) for k, v in caught.value.message_dict.items()} == expected
    assert (Value.objects.count(), Target.objects.count(), Event.objects.count()) == before


def test_a_value_is_recorded_with_its_source_and_corrected_in_place(tree, personas, poverty) -> None:
    value = record(poverty, tree.commune_a, actor=personas.officer_a, numerator=D(470), denominator=D(9344))
    assert value.value == D("5.0300") and value.kind == "h1" and value.entered_by == personas.officer_a
    again = record(poverty, tree.commune_a, actor=personas.officer_a, numerator=D(460), denominator=D(9344),
                   source="Điều tra hộ nghèo 2026")  # fmt: skip
    assert again.pk == value.pk and again.value == D("4.9229") and again.source == "Điều tra hộ nghèo 2026"
    assert [e.note for e in Event.objects.for_object(value)] == [
        "5,03% (470/9.344) — Báo cáo của UBND xã",
        "Sửa số liệu: 5,03% → 4,92% (460/9.344) — Điều tra hộ nghèo 2026",
    ]


def test_out_of_range_values_are_refused_naming_the_field(tree, poverty, new_rural, satisfaction) -> None:
    a = tree.commune_a
    refused(lambda: record(satisfaction, a, value=D(101)),
            value="Giá trị: tỷ lệ phần trăm phải từ 0 đến 100 (đã ghi 101%).")  # fmt: skip
    refused(lambda: record(satisfaction, a, value=D(-5)), value="Giá trị: không được âm (-5).")
    refused(lambda: record(new_rural, a, value=D("2.5")), value="Giá trị: số xã phải là số nguyên (đã ghi 2,5).")
    refused(lambda: record(new_rural, a, value=D(-1)), value="Giá trị: không được âm (-1).")
    refused(lambda: record(poverty, a, numerator=D(500), denominator=D(400)),
            numerator="Số hộ nghèo (500) lớn hơn tổng số hộ (400).")  # fmt: skip
    refused(lambda: record(new_rural, a, value=D(3), written_unit="hộ"),
            value="Đơn vị tính sai: chỉ tiêu tính bằng “xã”, không phải “hộ”.")  # fmt: skip


def test_a_period_that_ends_before_it_starts_and_a_unit_outside_it_are_refused(tree, satisfaction) -> None:
    backwards = (datetime.date(2026, 6, 30), datetime.date(2026, 1, 1))
    message = "Đến ngày (1/1/2026) trước từ ngày (30/6/2026): kỳ không thể kết thúc trước khi bắt đầu."
    refused(lambda: record(satisfaction, tree.commune_a, period=backwards, value=D(90)), end=message)
    refused(lambda: target(satisfaction, tree.commune_a, period=backwards, comparison="gt", value=D(80)), end=message)
    # Xã Cũ ended on 30/6/2025; xã A began on 1/7/2025.
    refused(lambda: record(satisfaction, tree.old_commune, value=D(90)),
            unit="Xã Cũ đã thôi tồn tại từ sau 30/6/2025, trước kỳ này.")  # fmt: skip
    year_2024 = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    refused(lambda: record(satisfaction, tree.commune_a, period=year_2024, value=D(90)),
            unit="Xã A thành lập từ 1/7/2025, sau kỳ này.")  # fmt: skip
    future = (datetime.date(2099, 1, 1), datetime.date(2099, 12, 31))
    refused(lambda: record(satisfaction, tree.commune_a, period=future, value=D(90)),
            start="Kỳ bắt đầu ngày 1/1/2099, chưa đến: chưa có số liệu thực hiện.")  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.resolve_period("custom", start="2026-06-30", end="2026-01-01")
    assert caught.value.message_dict == {"end": [message]}
    with pytest.raises(ValidationError) as caught:
        services.resolve_period("month", 2026)
    assert list(caught.value.message_dict) == ["month"]
    assert services.resolve_period("h1", "2026") == H1


def test_a_value_without_its_source_and_a_target_without_its_basis_are_refused(tree, poverty) -> None:
    refused(lambda: record(poverty, tree.commune_a, numerator=D(1), denominator=D(10), source=" "),
            source="Nguồn số liệu: bắt buộc (ví dụ “Báo cáo của UBND xã”, “Điều tra hộ nghèo 2026”).")  # fmt: skip
    refused(lambda: target(poverty, tree.commune_a, basis=""),
            basis="Căn cứ: bắt buộc — ghi kế hoạch, nghị quyết hoặc đề án đặt ra chỉ tiêu "
                  "(ví dụ “Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX”, “Đề án 06”).")  # fmt: skip
    refused(lambda: target(poverty, tree.commune_a, value=D(106)),
            value="Giá trị chỉ tiêu: tỷ lệ phần trăm phải từ 0 đến 100 (đã ghi 106%).")  # fmt: skip
    saved = target(poverty, tree.commune_a, basis="Nghị quyết Đại hội Đảng bộ xã")
    assert saved.words == "dưới 6%" and saved.kind == "h1"
    assert Event.objects.for_object(saved).get().note == "Đặt chỉ tiêu dưới 6% (Nghị quyết Đại hội Đảng bộ xã)"


def test_a_unit_the_user_may_not_edit_is_refused(tree, personas, poverty) -> None:
    with pytest.raises(PermissionDenied, match=r"Bạn không có quyền nhập số liệu chỉ tiêu của Xã B\."):
        record(poverty, tree.commune_b, actor=personas.officer_a, numerator=D(1), denominator=D(10))
    with pytest.raises(PermissionDenied, match=r"Bạn không có quyền đặt chỉ tiêu cho Xã A\."):
        target(poverty, tree.commune_a, actor=personas.officer_a)  # an officer enters values, a leader sets targets
    with pytest.raises(PermissionDenied):
        record(poverty, tree.commune_a, actor=personas.supervisor, numerator=D(1), denominator=D(10))
    assert not Value.objects.exists() and not Target.objects.exists() and not Event.objects.exists()
    assert target(poverty, tree.commune_a, actor=personas.leader_a).set_by == personas.leader_a
    # The officer of today's xã A enters the figures of Xã Cũ, merged into it, for the years before.
    old = record(poverty, tree.old_commune, actor=personas.officer_a, numerator=D(3), denominator=D(100),
                 period=(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)))  # fmt: skip
    assert old.unit == tree.old_commune


def test_defining_indicators(tree, personas, poverty) -> None:
    fields = {"code": "nuoc_sach", "name": "Tỷ lệ hộ dùng nước sạch", "measure_unit": rules.MeasureUnit.PERCENT,
              "direction": rules.Direction.HIGHER, "aggregation": rules.Aggregation.RATE}  # fmt: skip
    with pytest.raises(PermissionDenied, match="Chỉ quản trị hệ thống định nghĩa chỉ tiêu áp dụng chung"):
        services.save_indicator(actor=personas.leader_a, **fields)
    with pytest.raises(PermissionDenied):
        services.save_indicator(actor=personas.officer_a, unit=tree.commune_a, **fields)
    own = services.save_indicator(actor=personas.leader_a, unit=tree.commune_a, **fields)
    assert own.unit == tree.commune_a and own.decimals == 2 and own.created_by == personas.leader_a
    with pytest.raises(ValidationError) as caught:
        services.save_indicator(actor=personas.admin, **{**fields, "code": "ho_ngheo", "measure_unit": "household"})
    assert caught.value.message_dict == {
        "code": ["Mã chỉ tiêu “ho_ngheo” đã có."],
        "measure_unit": ["Chỉ tiêu tỷ lệ (tính lại từ tử số và mẫu số) có đơn vị tính “%”."],
    }
    with pytest.raises(ValidationError) as caught:
        services.save_indicator(actor=SYSTEM, **{**fields, "code": "x", "sentence": "{ten} là {khong_co}"})
    assert caught.value.message_dict["sentence"][0].startswith("Chỗ trống “{khong_co}” không dùng được")
    with pytest.raises(ValidationError) as caught:
        services.save_indicator(actor=SYSTEM, **{**fields, "code": "y", "source": rules.Source.COMPUTED,
                                                 "figure": "khong_co.so_lieu"})  # fmt: skip
    assert caught.value.message_dict["figure"][0].startswith("Chưa có phần báo cáo “khong_co”.")
    # Once it has values, what they mean is fixed.
    record(poverty, tree.commune_a, numerator=D(1), denominator=D(10))
    with pytest.raises(ValidationError) as caught:
        services.save_indicator(actor=SYSTEM, indicator=poverty, code="ho_ngheo", name="Tỷ lệ hộ nghèo",
                                measure_unit=rules.MeasureUnit.PERCENT, direction=rules.Direction.LOWER,
                                aggregation=rules.Aggregation.WEIGHTED)  # fmt: skip
    assert caught.value.message_dict == {"aggregation": ["Chỉ tiêu đã có số liệu: không đổi được cách tổng hợp."]}
    assert Indicator.objects.get(pk=poverty.pk).aggregation == rules.Aggregation.RATE


def test_an_indicator_of_another_unit_does_not_apply_and_computed_ones_take_no_value(tree, personas) -> None:
    own = define("rieng_xa_b", name="Số hộ được hỗ trợ", measure_unit=rules.MeasureUnit.HOUSEHOLD,
                 direction=rules.Direction.HIGHER, aggregation=rules.Aggregation.SUM, unit=tree.commune_b)  # fmt: skip
    refused(lambda: record(own, tree.commune_a, value=D(3)),
            indicator="Chỉ tiêu “Số hộ được hỗ trợ” do Xã B đặt ra, không áp dụng cho Xã A.")  # fmt: skip
    assert record(own, tree.commune_b, value=D(3)).value == D(3)
    stopped = define("ngung", name="Chỉ tiêu cũ", measure_unit=rules.MeasureUnit.TURN,
                     direction=rules.Direction.HIGHER, aggregation=rules.Aggregation.SUM, active=False)  # fmt: skip
    refused(lambda: record(stopped, tree.commune_a, value=D(3)), indicator="Chỉ tiêu “Chỉ tiêu cũ” đã ngừng theo dõi.")
