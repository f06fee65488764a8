"""The citizens' one-stop pages (being built)."""

from django.http import HttpRequest, HttpResponse

from danvan.accounts.decorators import public


@public
def public_status(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=501)


@public
def public_rate(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse(status=501)


@public
def kiosk(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse(status=501)
