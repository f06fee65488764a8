"""Bulk actions as a leader meets them on the models' list: only what the rows can take is offered, with
how many; all or nothing stays the contract (a refused row means nothing is written), and every refused
row is named with its reason, beside the row, with the selection kept for the page that follows."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from danvan.core.models import Event
from danvan.initiatives import services
from danvan.initiatives.models import Initiative
from danvan.workflow import bulk
from tests.factories import RoleAssignmentFactory, UserFactory, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def models(tree):
    return {
        "ready": make_initiative(tree.commune_a, "in_progress", name="Mô hình sẵn sàng"),
        "ready2": make_initiative(tree.hamlet_a, "in_progress", name="Mô hình sẵn sàng thứ hai"),
        "early": make_initiative(tree.commune_a, "registered", name="Mô hình mới đăng ký"),
        "review": make_initiative(tree.commune_a, "under_review", name="Mô hình đang thẩm định"),
        "done": make_initiative(tree.commune_a, "recognised", name="Mô hình đã công nhận"),
    }


def option(options, name):
    return next(o for o in options if o.action.name == name)


def test_each_action_applies_to_the_rows_that_can_take_it_and_says_why_not_the_others(personas, models) -> None:
    rows = list(models.values())
    offered = bulk.options(services.BULK_ACTIONS, personas.leader_a, rows)
    propose = option(offered, "propose")
    assert propose.applies_to == {models["ready"].pk, models["ready2"].pk} and propose.total == 5
    assert "Đã đăng ký" in propose.refusals[models["early"].pk]
    assert option(offered, "recognise").applies_to == {models["review"].pk}
    assert option(offered, "make_exemplary").applies_to == {models["done"].pk}
    publish = option(offered, "publish")
    assert publish.applies_to == {models["done"].pk}
    assert publish.refusals[models["ready"].pk] == "Chỉ công khai mô hình đã được công nhận."
    # nothing applies: no row can be made exemplary among those in progress
    none = option(bulk.options(services.BULK_ACTIONS, personas.leader_a, [models["ready"]]), "make_exemplary")
    assert not none.available and "Đang thực hiện" in none.reason


def test_rows_out_of_the_leaders_scope_are_refused_by_right(tree, personas, models) -> None:
    leader_b = UserFactory(username="leader_b")
    RoleAssignmentFactory(user=leader_b, role="leader", unit=tree.commune_b)
    offered = bulk.options(services.BULK_ACTIONS, leader_b, [models["ready"], models["done"]])
    assert (
        option(offered, "propose").refusals[models["ready"].pk]
        == "Bạn không có quyền “Đề nghị công nhận” với mô hình này."
    )
    assert option(offered, "publish").refusals[models["done"].pk] == "Bạn không có quyền công khai mô hình này."


def test_a_refused_row_means_nothing_is_written_and_every_refused_row_is_named(personas, models) -> None:
    chosen = [models["ready"], models["early"], models["review"]]
    events = Event.objects.count()
    with pytest.raises(services.BulkRefused) as refused:
        services.bulk_apply(actor=personas.leader_a, initiatives=chosen, action="propose")
    assert set(refused.value.refusals) == {models["early"].pk, models["review"].pk}
    message = str(refused.value)
    assert message.startswith("Không thực hiện thao tác nào: “Đề nghị công nhận” không làm được với 2 trong 3")
    assert "Mô hình mới đăng ký" in message and "Mô hình đang thẩm định" in message
    assert Event.objects.count() == events
    assert Initiative.objects.get(pk=models["ready"].pk).status == "in_progress"


def test_a_refusal_by_the_service_rolls_back_the_rows_already_done(personas, models) -> None:
    """The table allows both rows; the service refuses one (its decision predates its registration):
    the row done before it is undone, and the refusal names the row."""
    first, second = models["ready"], models["ready2"]
    Initiative.objects.filter(pk=second.pk).update(registered_on="2026-11-25")
    second.refresh_from_db()
    events = Event.objects.count()
    with pytest.raises(services.BulkRefused) as refused:
        services.bulk_apply(actor=personas.leader_a, initiatives=[first, second], action="propose", on="2026-11-20")
    assert list(refused.value.refusals) == [second.pk]
    assert Event.objects.count() == events
    assert set(Initiative.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {
        "in_progress"
    }


def test_the_same_reason_for_every_row_is_said_once(personas, models) -> None:
    with pytest.raises(services.BulkRefused) as refused:
        services.bulk_apply(actor=personas.leader_a, initiatives=[models["ready"], models["ready2"]], action="publish")
    assert str(refused.value) == (
        "Không thực hiện thao tác nào. “Công khai trên thư viện”: Chỉ công khai mô hình đã được công nhận."
    )


def test_the_list_offers_only_what_the_page_can_take_with_how_many(personas, models) -> None:
    client = Client()
    client.force_login(personas.leader_a)
    page = client.get("/initiatives/").content.decode()
    options = dict(re.findall(r'<option value="(\w+)" data-label="[^"]*"( disabled)?', page))
    assert options == {"propose": "", "recognise": "", "make_exemplary": "", "publish": ""}
    assert "Đề nghị công nhận — áp dụng được cho 2/5 mô hình trên trang" in page
    assert 'aria-label="Chọn tất cả mô hình trên trang này"' in page
    assert 'data-bulk-actions="propose"' in page and 'data-bulk-actions="make_exemplary publish"' in page
    only_early = client.get("/initiatives/", {"status": "registered"}).content.decode()
    assert re.search(r'<option value="propose" data-label="[^"]*" disabled>', only_early)
    assert "Đề nghị công nhận — không mô hình nào trên trang" in only_early


def test_after_a_refusal_the_list_keeps_the_selection_and_shows_each_reason_beside_its_row(personas, models) -> None:
    client = Client()
    client.force_login(personas.leader_a)
    chosen = [models["ready"].pk, models["early"].pk]
    response = client.post(
        "/initiatives/bulk/",
        {
            "action": "propose",
            "ids": chosen,
            "propose-on": "2026-11-20",
            "propose-note": "Đợt tháng 11",
            "next": "/initiatives/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/initiatives/"
    page = client.get("/initiatives/").content.decode()
    for pk in chosen:
        assert re.search(rf'value="{pk}" id="bulk-row-{pk}"[^>]* checked', page), pk
    assert not re.search(rf'value="{models["review"].pk}" id="bulk-row-{models["review"].pk}"[^>]* checked', page)
    early = models["early"].pk
    assert f'aria-describedby="bulk-refusal-{early}"' in page
    reason = re.search(rf'id="bulk-refusal-{early}">(.*?)</div>', page, re.S)
    assert reason is not None and "Không thực hiện được:" in reason.group(1) and "Đã đăng ký" in reason.group(1)
    assert f'id="bulk-refusal-{models["ready"].pk}"' not in page
    assert '<option value="propose" data-label="Đề nghị công nhận" selected>' in page
    assert "Đợt tháng 11" in page  # what was typed for the action is kept
    assert "Đã chọn 2" in page
    assert Initiative.objects.get(pk=models["ready"].pk).status == "in_progress"
    # shown once: the next visit starts afresh
    again = client.get("/initiatives/").content.decode()
    assert "bulk-refusal-" not in again and " checked" not in again.split("<tbody>")[1].split("</tbody>")[0]


def test_the_selection_done_right_applies_and_says_for_how_many(personas, models) -> None:
    client = Client()
    client.force_login(personas.leader_a)
    response = client.post(
        "/initiatives/bulk/",
        {"action": "propose", "ids": [models["ready"].pk, models["ready2"].pk], "propose-on": "2026-11-20"},
        follow=True,
    )
    assert "Đã thực hiện “Đề nghị công nhận” cho 2 mô hình." in response.content.decode()
    assert set(Initiative.objects.filter(name__startswith="Mô hình sẵn sàng").values_list("status", flat=True)) == {
        "proposed"
    }


def test_a_missing_decision_field_is_named_and_the_selection_kept(personas, models) -> None:
    client = Client()
    client.force_login(personas.leader_a)
    response = client.post(
        "/initiatives/bulk/",
        {"action": "recognise", "ids": [models["review"].pk], "recognise-level": "co_so"},
        follow=True,
    )
    page = response.content.decode()
    assert "“Công nhận”: Số quyết định: Trường này là bắt buộc." in page
    assert re.search(rf'id="bulk-row-{models["review"].pk}"[^>]* checked', page)
    assert Initiative.objects.get(pk=models["review"].pk).status == "under_review"
