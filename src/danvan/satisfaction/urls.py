"""The satisfaction area's pages."""

from django.urls import path

from danvan.satisfaction import views

urlpatterns = [
    path("hai-long/", views.index, name="satisfaction_index"),
]
