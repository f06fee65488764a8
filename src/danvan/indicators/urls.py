"""The pages of indicators and targets, under /chi-tieu/."""

from django.urls import path

from danvan.indicators import views

urlpatterns = [
    path("chi-tieu/", views.indicator_list, name="indicators_list"),
    path("chi-tieu/nhap-so-lieu/", views.value_entry, name="indicators_value"),
    path("chi-tieu/dat-chi-tieu/", views.target_entry, name="indicators_target"),
    path("chi-tieu/dinh-nghia/", views.indicator_create, name="indicators_define"),
    path("chi-tieu/nhap-excel/", views.indicator_import, name="indicators_import"),
    path("chi-tieu/nhap-excel/mau-<str:kind>.xlsx", views.import_template, name="indicators_import_template"),
    path("chi-tieu/ma/<str:code>/", views.indicator_detail, name="indicators_detail"),
    path("chi-tieu/ma/<str:code>/sua/", views.indicator_edit, name="indicators_edit"),
]
