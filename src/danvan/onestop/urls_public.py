"""The citizens' one-stop pages (listed by :mod:`danvan.onestop.urls`)."""

from django.urls import path

from danvan.onestop import public_views

urlpatterns = [
    path("mot-cua/tra-cuu/", public_views.public_status, name="onestop_public_status"),
    path("mot-cua/danh-gia/<str:token>/", public_views.public_rate, name="onestop_public_rate"),
    # Before the kiosk's token route, which would take "cam-on" for a token.
    path("mot-cua/kiosk/cam-on/", public_views.kiosk_thanks, name="onestop_kiosk_thanks"),
    path("mot-cua/kiosk/<str:token>/", public_views.kiosk, name="onestop_kiosk"),
]
