"""The Django admin, for system administrators only (decided by role, not by ``is_staff``).

Who may enter is one question, asked of the access policy: a user holding the role "Quản trị hệ thống"
(``access.is_system_admin``). The admin's own sign-in form asks it too, instead of Django's ``is_staff``
flag, which no account of ours sets; the model permissions come from the same role through
:class:`danvan.accounts.backends.ScopedPermissionBackend`.

The libraries' apps (django-axes, django-otp, django-tasks-db) name themselves and their models in
English or not at all; their app configurations below give them Vietnamese names, so that the admin
index reads in one language. English users see the same names through the English catalogue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as OtpStaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OtpTotpAppConfig
from django_tasks_db.apps import TasksAppConfig

if TYPE_CHECKING:
    from django.contrib.auth.forms import AuthenticationForm


class DanVanAdminSite(admin.AdminSite):
    site_header = _("DanVan — quản trị hệ thống")
    site_title = "DanVan"
    index_title = _("Quản trị hệ thống")

    @property
    def login_form(self) -> type[AuthenticationForm]:  # type: ignore[override]
        # Imported when asked for: the forms import the user model, which is not ready while this module
        # is loaded as an app configuration.
        from danvan.accounts.forms import AdminRoleAuthenticationForm

        return AdminRoleAuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        from danvan.accounts import access

        return bool(request.user.is_active and access.is_system_admin(request.user))


class DanVanAdminConfig(AdminConfig):
    default_site = "danvan.admin_site.DanVanAdminSite"


# --- The libraries' apps, named in Vietnamese --------------------------------------------------------
#: model name -> (verbose name, verbose name plural, {field: verbose name}) for the fields the admin lists.
ModelNames = dict[str, tuple[Any, Any, dict[str, Any]]]


def _rename(app: AppConfig, names: ModelNames) -> None:
    for model_name, (singular, plural, fields) in names.items():
        model = app.get_model(model_name)
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural
        for field_name, label in fields.items():
            model._meta.get_field(field_name).verbose_name = label  # type: ignore[union-attr]


_ATTEMPT_FIELDS = {
    "user_agent": _("Trình duyệt"),
    "ip_address": _("Địa chỉ IP"),
    "username": _("Tên đăng nhập"),
    "http_accept": _("Tiêu đề HTTP Accept"),
    "path_info": _("Đường dẫn"),
    "attempt_time": _("Thời điểm"),
}
_DEVICE_FIELDS = {
    "user": _("Người dùng"),
    "name": _("Tên"),
    "confirmed": _("Đã xác nhận"),
    "created_at": _("Tạo lúc"),
    "last_used_at": _("Dùng lần cuối lúc"),
}


class AxesConfig(AxesAppConfig):
    verbose_name = _("Chống dò mật khẩu (django-axes)")

    def ready(self) -> None:
        super().ready()
        _rename(
            self,
            {
                "AccessAttempt": (
                    _("lượt đăng nhập sai đang bị tính"),
                    _("lượt đăng nhập sai đang bị tính"),
                    {
                        **_ATTEMPT_FIELDS,
                        "get_data": _("Dữ liệu GET"),
                        "post_data": _("Dữ liệu POST"),
                        "failures_since_start": _("Số lần đăng nhập sai"),
                    },
                ),
                "AccessAttemptExpiration": (
                    _("thời hạn khóa đăng nhập"),
                    _("thời hạn khóa đăng nhập"),
                    {"expires_at": _("Hết hạn lúc")},
                ),
                "AccessFailureLog": (
                    _("nhật ký đăng nhập sai"),
                    _("nhật ký đăng nhập sai"),
                    {**_ATTEMPT_FIELDS, "locked_out": _("Bị khóa")},
                ),
                "AccessLog": (
                    _("nhật ký đăng nhập"),
                    _("nhật ký đăng nhập"),
                    {**_ATTEMPT_FIELDS, "logout_time": _("Đăng xuất lúc")},
                ),
            },
        )


class OtpStaticConfig(OtpStaticAppConfig):
    verbose_name = _("Xác thực hai lớp: mã khôi phục")

    def ready(self) -> None:
        super().ready()
        _rename(
            self,
            {
                "StaticDevice": (_("bộ mã khôi phục"), _("bộ mã khôi phục"), _DEVICE_FIELDS),
                "StaticToken": (_("mã khôi phục"), _("mã khôi phục"), {"token": _("Mã")}),
            },
        )


class OtpTotpConfig(OtpTotpAppConfig):
    verbose_name = _("Xác thực hai lớp: ứng dụng xác thực")

    def ready(self) -> None:
        super().ready()
        _rename(self, {"TOTPDevice": (_("ứng dụng xác thực"), _("ứng dụng xác thực"), _DEVICE_FIELDS)})


class TasksDbConfig(TasksAppConfig):
    verbose_name = _("Tác vụ chạy nền")  # type: ignore[assignment]

    def ready(self) -> None:
        super().ready()
        _rename(
            self,
            {
                "DBTaskResult": (
                    _("tác vụ chạy nền"),
                    _("tác vụ chạy nền"),
                    {
                        "status": _("Trạng thái"),
                        "enqueued_at": _("Đưa vào hàng đợi lúc"),
                        "started_at": _("Bắt đầu lúc"),
                        "finished_at": _("Xong lúc"),
                        "priority": _("Độ ưu tiên"),
                        "queue_name": _("Hàng đợi"),
                    },
                )
            },
        )
