"""Forms of the accounts pages. They only shape input; the rules are in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _

from danvan.accounts import access
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


class AdminRoleAuthenticationForm(AdminAuthenticationForm):
    """The Django admin's sign-in (``danvan.admin_site``): the password as everywhere, then the role
    "Quản trị hệ thống" from the access policy instead of Django's ``is_staff``, which no account of ours sets."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."),
        "not_system_admin": _(
            "Tài khoản “%(username)s” không có vai trò Quản trị hệ thống nên không vào được trang quản trị. "
            "Hãy đăng nhập bằng một tài khoản quản trị hệ thống, hoặc làm việc trên các trang của DanVan."
        ),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        # AuthenticationForm's own check (an inactive account), then the role in place of is_staff.
        super(AdminAuthenticationForm, self).confirm_login_allowed(user)
        if not access.is_system_admin(user):
            raise forms.ValidationError(
                self.error_messages["not_system_admin"],
                code="not_system_admin",
                params={"username": user.get_username()},
            )
