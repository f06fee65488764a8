"""Forms of the accounts pages. They only shape input; the rules are in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm


class CodeForm(StyledForm):
    """A code from the authenticator app; with ``recovery=True`` a recovery code is taken as well; ``autofocus``
    where it is the page's only field."""

    code = forms.CharField(label=_("Mã xác thực 6 số"), max_length=32, strip=True)

    def __init__(self, *args: Any, recovery: bool = False, autofocus: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.fields["code"].widget
        widget.attrs.update({"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"})
        if autofocus:
            widget.attrs["autofocus"] = True
        if recovery:
            self.fields["code"].help_text = _("Không có điện thoại bên mình? Nhập một mã khôi phục vào ô này.")
        else:
            # Digits only: the phone shows its number pad.
            widget.attrs.update({"inputmode": "numeric", "pattern": "[0-9 ]*"})
