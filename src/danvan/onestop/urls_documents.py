"""The one-stop slips (listed by :mod:`danvan.onestop.urls`)."""

from django.urls import path

from danvan.onestop import documents_views

urlpatterns = [
    path("mot-cua/ho-so/<int:pk>/phieu/<str:kind>.pdf", documents_views.slip, name="onestop_slip"),
]
