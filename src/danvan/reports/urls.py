from django.urls import path

from danvan.reports import views

urlpatterns = [
    path("bao-cao/", views.report_home, name="report_home"),
    path("bao-cao/xem-truoc/", views.report_preview, name="report_preview"),
    path("bao-cao/lap/", views.report_create, name="report_create"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/tien-do/", views.report_progress, name="report_progress"),
    path("bao-cao/<int:pk>/tep/<str:fmt>/", views.report_file, name="report_file"),
    path("bao-cao/<int:pk>/<str:action>/", views.report_act, name="report_act"),
    path("bao-cao/mau/moi/", views.template_edit, name="report_template_new"),
    path("bao-cao/mau/<int:pk>/", views.template_edit, name="report_template_edit"),
    path("bao-cao/mau-cau/", views.wording, name="report_wording"),
    path("bang-dieu-hanh/", views.dashboard_page, name="dashboard"),
]
