"""Two-factor sign-in pages, mounted under ``accounts/two-factor/`` by the project's URLs."""

from django.urls import path

from danvan.accounts import views

urlpatterns = [
    path("", views.two_factor_overview, name="two_factor"),
    path("verify/", views.two_factor_verify, name="two_factor_verify"),
    path("enrol/", views.two_factor_enrol, name="two_factor_enrol"),
    path("recovery-codes/", views.two_factor_recovery_codes, name="two_factor_recovery_codes"),
    path("recovery-codes/new/", views.two_factor_new_codes, name="two_factor_new_codes"),
    path("disable/", views.two_factor_disable, name="two_factor_disable"),
]
