"""The one-stop area's pages. Each part keeps its own module of views and of routes (the desk and the
workspace here; the slips, the imports and the citizens' pages in ``urls_*``); this file lists them."""

from django.urls import include, path

from danvan.onestop import views

urlpatterns = [
    path("mot-cua/", views.dossier_list, name="onestop_dossier_list"),
    path("mot-cua/xuat-excel/", views.dossier_export, name="onestop_dossier_export"),
    path("mot-cua/tiep-nhan/", views.intake, name="onestop_intake"),
    path("mot-cua/tiep-nhan/thu-tuc/", views.procedure_matches, name="onestop_procedure_matches"),
    path("mot-cua/tra-ket-qua/", views.return_desk, name="onestop_return_desk"),
    path("mot-cua/tra-ket-qua/<int:pk>/", views.return_dossier, name="onestop_return"),
    path("mot-cua/ho-so/<int:pk>/", views.dossier_detail, name="onestop_dossier"),
    path("mot-cua/ho-so/<int:pk>/buoc/<str:action>/", views.dossier_act, name="onestop_dossier_act"),
    path("mot-cua/ho-so/<int:pk>/danh-gia/", views.rate_paper, name="onestop_rate"),
    path("mot-cua/thu-tuc/", views.procedure_list, name="onestop_procedures"),
    path("mot-cua/thu-tuc/moi/", views.procedure_edit, name="onestop_procedure_new"),
    path("mot-cua/thu-tuc/<int:pk>/", views.procedure_detail, name="onestop_procedure"),
    path("mot-cua/thu-tuc/<int:pk>/sua/", views.procedure_edit, name="onestop_procedure_edit"),
    path("mot-cua/noi-tiep-nhan/", views.service_point_list, name="onestop_service_points"),
    path("mot-cua/noi-tiep-nhan/moi/", views.service_point_edit, name="onestop_service_point_new"),
    path("mot-cua/noi-tiep-nhan/<int:pk>/sua/", views.service_point_edit, name="onestop_service_point_edit"),
    path("mot-cua/thiet-lap/", views.settings_page, name="onestop_settings"),
    path("mot-cua/thong-ke/", views.stats, name="onestop_stats"),
    path("", include("danvan.onestop.urls_documents")),
    path("", include("danvan.onestop.urls_imports")),
    path("", include("danvan.onestop.urls_public")),
]
