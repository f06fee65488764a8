"""The one-stop pages (being built)."""

from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


dossier_list = intake = dossier_detail = dossier_act = _todo
