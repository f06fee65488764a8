"""The one-stop area's pages. Each part keeps its own module of views (the desk and the workspace, the
slips, the imports, the citizens' pages); this file only lists them."""

from django.urls import path

from danvan.onestop import views

urlpatterns = [
    path("mot-cua/", views.dossier_list, name="onestop_dossier_list"),
    path("mot-cua/tiep-nhan/", views.intake, name="onestop_intake"),
    path("mot-cua/ho-so/<int:pk>/", views.dossier_detail, name="onestop_dossier"),
    path("mot-cua/ho-so/<int:pk>/buoc/<str:action>/", views.dossier_act, name="onestop_dossier_act"),
]
