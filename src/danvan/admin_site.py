"""The Django admin, for system administrators only (decided by role, not by ``is_staff``)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class DanVanAdminSite(admin.AdminSite):
    site_header = "DanVan — quản trị hệ thống"
    site_title = "DanVan"
    index_title = "Quản trị hệ thống"

    def has_permission(self, request: HttpRequest) -> bool:
        from danvan.accounts import access

        return bool(request.user.is_active and access.is_system_admin(request.user))


class DanVanAdminConfig(AdminConfig):
    default_site = "danvan.admin_site.DanVanAdminSite"
