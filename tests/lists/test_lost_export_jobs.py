"""A background export whose worker was killed mid-way stops waiting and tells its owner to export again."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.lists.jobs import STALE_AFTER
from danvan.lists.models import ExportJob
from tests.lists.test_exports import logged_in

pytestmark = pytest.mark.django_db


def test_a_job_lost_by_its_worker_is_marked_failed_and_stops_polling(tree, personas, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    client = logged_in(personas.supervisor)
    lost = ExportJob.objects.create(owner=personas.supervisor, list_name="initiatives", filename="x.xlsx", total=9)
    running = ExportJob.objects.create(owner=personas.supervisor, list_name="initiatives", filename="y.xlsx", total=9)
    long_ago = timezone.now() - STALE_AFTER - datetime.timedelta(minutes=1)
    ExportJob.objects.filter(pk=lost.pk).update(status="running", done=3, created_at=long_ago)
    ExportJob.objects.filter(pk=running.pk).update(status="running", done=3)
    body = client.get(reverse("export_job", args=[lost.pk])).content.decode()
    assert "every 1s" not in body and "Việc xuất bị gián đoạn" in body and "Hãy xuất lại" in body
    assert ExportJob.objects.get(pk=lost.pk).status == "failed"
    still = client.get(reverse("export_job", args=[running.pk])).content.decode()
    assert "every 1s" in still and ExportJob.objects.get(pk=running.pk).status == "running"
