"""The one-stop slips as PDF: the appointment slip the desk prints at receipt, the apology, the control
slip, the refusal and the supplement request (:mod:`danvan.onestop.documents`)."""

from __future__ import annotations

from django.http import HttpResponse

from danvan.accounts import access, roles
from danvan.accounts.decorators import SignedInRequest, requires
from danvan.onestop import documents, selectors


@requires(roles.ONESTOP.view)
def slip(request: SignedInRequest, pk: int, kind: str) -> HttpResponse:
    """The slip ``kind`` of the dossier, inline (the browser's viewer prints it); 404 for a dossier out of
    the user's scope, an unknown kind, or a slip the dossier does not have (an apology never issued)."""
    dossier = access.get_for_user_or_404(selectors.dossiers_for(request.user), request.user, roles.ONESTOP.view, pk=pk)
    pdf = documents.render_slip(kind, dossier, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documents.filename(kind, dossier)}"'
    response["Cache-Control"] = "private, no-store"
    return response
