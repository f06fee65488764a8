"""The satisfaction pages (being built)."""

from django.http import HttpRequest, HttpResponse

from danvan.accounts import roles
from danvan.accounts.decorators import requires


@requires(roles.SATISFACTION.view)
def index(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=501)
