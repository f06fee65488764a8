from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from danvan.api.api import api, api_not_found
from danvan.web import landing, unit_search, views

urlpatterns = [
    path("", landing.front_door, name="home"),
    path("health", views.health, name="health"),
    path("units/", views.unit_browser, name="unit_browser"),
    path("units/import/", views.unit_import, name="unit_import"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/children/", views.unit_children, name="unit_children"),
    path("units/<int:pk>/hamlets/new/", views.unit_add_hamlet, name="unit_add_hamlet"),
    path("pick-unit/", views.pick_unit, name="pick_unit"),
    path("units/search.json", unit_search.unit_search, name="unit_search"),
    path("don-vi/tim.json", unit_search.public_unit_search, name="public_unit_search"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/roles/<int:pk>/end/", views.role_end, name="role_end"),
    path("me/tokens/", views.my_tokens, name="my_tokens"),
    path("me/notifications/", views.my_notifications, name="my_notifications"),
    path("me/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("calendar/", views.calendar, name="calendar"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", include("danvan.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("danvan.initiatives.urls")),
    path("", include("danvan.petitions.urls")),
    path("", include("danvan.onestop.urls")),
    path("", include("danvan.satisfaction.urls")),
    path("", include("danvan.dialogues.urls")),
    path("", include("danvan.democracy.urls")),
    path("", include("danvan.inspections.urls")),
    path("", include("danvan.indicators.urls")),
    path("", include("danvan.reports.urls")),
    path("", include("danvan.lists.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # Whatever else is under /api/ is a JSON 404, in development too (not Django's HTML page).
    re_path(r"^api/", api_not_found),
]

# Under /api/ Django's own errors are JSON, like the API's; elsewhere they are the site's pages.
handler400 = "danvan.api.api.bad_request"
handler403 = "danvan.api.api.permission_denied"
handler404 = "danvan.api.api.not_found"
handler500 = "danvan.api.api.server_error"
