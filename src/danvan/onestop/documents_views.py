"""The one-stop slips as PDF (being built)."""

from django.http import HttpRequest, HttpResponse

from danvan.accounts import roles
from danvan.accounts.decorators import requires


@requires(roles.ONESTOP.view)
def slip(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    return HttpResponse(status=501)
