"""The errand's page, bulk action and API: each a few lines handing the record to the kit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import include, path
from ninja import NinjaAPI, Router, Schema

from danvan.accounts import access
from danvan.accounts.api import API_AUTH
from danvan.workflow.api import add_transition_routes
from danvan.workflow.engine import allowed_actions
from danvan.workflow.views import action_page, bulk_apply, bulk_params
from tests.workflow_app.machine import ERRAND
from tests.workflow_app.models import Errand


def _get(request: HttpRequest, pk: int) -> Errand:
    return access.get_for_user_or_404(Errand.objects.select_related("unit"), request.user, pk=pk)


def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    errand = _get(request, pk)
    return action_page(
        request, machine=ERRAND, obj=errand, action=action, template="workflow/act.html", success_url="/"
    )


def bulk(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "")
    ids = [int(x) for x in request.POST.getlist("ids") if x.isdigit()]
    errands = list(Errand.objects.filter(pk__in=ids).select_related("unit"))
    params = bulk_params(request, ERRAND, action)
    if params is not None:
        bulk_apply(request, machine=ERRAND, objs=errands, action=action, params=params)
    return redirect("/")


class ErrandOut(Schema):
    id: int
    status: str
    allowed_actions: list[str]


def _out(request: HttpRequest, errand: Errand) -> dict[str, Any]:
    return {"id": errand.pk, "status": errand.status,
            "allowed_actions": [a.name for a in allowed_actions(ERRAND, request.user, errand)]}  # fmt: skip


router = Router(auth=API_AUTH)
add_transition_routes(router, ERRAND, path="/errands", get_object=_get, output=_out, response=ErrandOut)
api = NinjaAPI(urls_namespace="errand_api", title="Errands (tests)", version="test")
api.add_router("", router)


def _error(status: int) -> Any:
    def handler(request: HttpRequest, exc: Exception) -> HttpResponse:
        messages = getattr(exc, "messages", None) or [str(exc)]
        return api.create_response(request, {"detail": " ".join(messages), "errors": []}, status=status)

    return handler


api.add_exception_handler(ValidationError, _error(422))
api.add_exception_handler(PermissionDenied, _error(403))
api.add_exception_handler(Http404, _error(404))

urlpatterns = [
    path("errands/<int:pk>/act/<str:action>/", act, name="errand_act"),
    path("errands/bulk/", bulk, name="errand_bulk"),
    path("errand-api/", api.urls),
    path("", include("danvan.urls")),
]
