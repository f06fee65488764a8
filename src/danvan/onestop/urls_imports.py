"""The one-stop area's imports pages (listed by :mod:`danvan.onestop.urls`)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
