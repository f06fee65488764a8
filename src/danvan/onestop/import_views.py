"""The one-stop imports (being built)."""

from django.http import HttpRequest, HttpResponse

from danvan.accounts import roles
from danvan.accounts.decorators import requires


@requires(roles.ONESTOP.decide)
def import_procedures(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=501)


@requires(roles.ONESTOP.edit)
def import_dossiers(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=501)
