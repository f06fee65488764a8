"""Issue 10, finding 5: the public rate limit is an atomic counter that holds under concurrency."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from danvan.core import ratelimit
from danvan.core.models import RateCounter
from danvan.petitions.models import Letter, Subject


def post(tree) -> dict:
    return {
        "kind": "pa", "unit_code": tree.commune_a.code, "subject": Subject.objects.get(name="Môi trường").pk,
        "content": "Bãi rác tự phát cạnh suối đầu thôn A1 gây ô nhiễm nguồn nước sinh hoạt.",
        "sender_name": "Đàm Thị Hoa", "sender_id_number": "006180001111", "sender_address": "Thôn A1",
        "sender_phone": "0987 654 321",
    }  # fmt: skip


def test_a_rate_is_read_and_a_bad_one_refused() -> None:
    assert ratelimit.parse_rate("10/h") == (10, 3600)
    with pytest.raises(ValueError, match="không đúng dạng"):
        ratelimit.parse_rate("mười/giờ")


@pytest.mark.django_db
def test_each_request_gets_its_own_number_and_old_windows_are_purged(tree, settings) -> None:
    settings.DANVAN_PUBLIC_RATE = "3/h"
    client = Client(REMOTE_ADDR="10.9.9.9")
    answers = [client.post(reverse("public_petition"), post(tree)).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]
    assert Letter.objects.count() == 3
    assert Client(REMOTE_ADDR="10.9.9.10").post(reverse("public_petition"), post(tree)).status_code == 200
    assert RateCounter.objects.count() == 2  # one window per address; the address itself is not stored
    assert not RateCounter.objects.filter(key__contains="10.9.9").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_sixty_parallel_posts_at_a_limit_of_ten_write_at_most_ten_letters(tree, settings) -> None:
    settings.DANVAN_PUBLIC_RATE = "10/h"
    data = post(tree)
    start = threading.Barrier(60)
    answers: list[int] = []

    def send() -> None:
        try:
            client = Client(REMOTE_ADDR="10.7.7.7")
            start.wait()
            answers.append(client.post(reverse("public_petition"), data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 60
    assert answers.count(200) == 10 and answers.count(429) == 50
    assert Letter.objects.count() == 10
