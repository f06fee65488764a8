from django.urls import path

from danvan.initiatives import views

urlpatterns = [
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/export.xlsx", views.initiative_export, name="initiative_export"),
    path("initiatives/new/", views.initiative_create, name="initiative_create"),
    path("initiatives/import/", views.initiative_import, name="initiative_import"),
    path("initiatives/stats/", views.initiative_stats, name="initiative_stats"),
    path("initiatives/bulk/", views.initiative_bulk, name="initiative_bulk"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", views.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/act/<str:action>/", views.initiative_act, name="initiative_act"),
    path("initiatives/<int:pk>/report/", views.initiative_report, name="initiative_report"),
    path("initiatives/<int:pk>/evidence/", views.initiative_evidence, name="initiative_evidence"),
    path("initiatives/<int:pk>/publish/", views.initiative_publish, name="initiative_publish"),
    path("initiatives/<int:pk>/reregister/", views.initiative_reregister, name="initiative_reregister"),
    path("initiatives/evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("initiatives/reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("gallery/", views.gallery, name="gallery"),
    path("gallery/m/<int:pk>/", views.gallery_item, name="gallery_item"),
    path("gallery/photo/<int:pk>/", views.gallery_photo, name="gallery_photo"),
    path("gallery/<str:code>/", views.gallery_unit, name="gallery_unit"),
]
