"""The front door: ``/`` is the citizens' landing page for a visitor, and the officer's home once signed in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render

from danvan.accounts.decorators import public
from danvan.web import views


@public
def front_door(request: HttpRequest) -> HttpResponseBase:
    if not request.user.is_authenticated:
        return render(request, "public/landing.html")
    return views.home(request)
