"""The one-stop area's pages. Each part keeps its own module of views and of routes (the desk and the
workspace here; the slips, the imports and the citizens' pages in ``urls_*``); this file lists them."""

from django.urls import include, path

from danvan.onestop import views

urlpatterns = [
    path("mot-cua/", views.dossier_list, name="onestop_dossier_list"),
    path("mot-cua/tiep-nhan/", views.intake, name="onestop_intake"),
    path("mot-cua/ho-so/<int:pk>/", views.dossier_detail, name="onestop_dossier"),
    path("mot-cua/ho-so/<int:pk>/buoc/<str:action>/", views.dossier_act, name="onestop_dossier_act"),
    path("", include("danvan.onestop.urls_documents")),
    path("", include("danvan.onestop.urls_imports")),
    path("", include("danvan.onestop.urls_public")),
]
