"""The one-stop imports (listed by :mod:`danvan.onestop.urls`)."""

from django.urls import path

from danvan.onestop import import_views

urlpatterns = [
    path("mot-cua/thu-tuc/nhap/", import_views.import_procedures, name="onestop_import_procedures"),
    path("mot-cua/ho-so/nhap/", import_views.import_dossiers, name="onestop_import_dossiers"),
]
