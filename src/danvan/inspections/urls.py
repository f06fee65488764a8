"""The area's pages: /kiem-tra/ (the plans, the area's main page), its recommendations and statistics."""

from django.urls import path

from danvan.inspections import views

urlpatterns = [
    path("kiem-tra/", views.plan_list, name="inspection_plan_list"),
    path("kiem-tra/xuat-excel", views.plan_export, name="inspection_plan_export"),
    path("kiem-tra/them/", views.plan_create, name="inspection_plan_create"),
    path("kiem-tra/thong-ke/", views.stats, name="inspection_stats"),
    path("kiem-tra/<int:pk>/", views.plan_detail, name="inspection_plan_detail"),
    path("kiem-tra/<int:pk>/sua/", views.plan_edit, name="inspection_plan_edit"),
    path("kiem-tra/<int:pk>/doan/", views.plan_team, name="inspection_plan_team"),
    path("kiem-tra/<int:pk>/thao-tac/<slug:action>/", views.plan_act, name="inspection_plan_act"),
    path("kiem-tra/<int:pk>/ket-luan.docx", views.plan_conclusion, name="inspection_plan_conclusion"),
    path("kiem-tra/<int:pk>/buoi-kiem-tra/them/", views.visit_create, name="inspection_visit_create"),
    path("kiem-tra/buoi-kiem-tra/<int:pk>/", views.visit_detail, name="inspection_visit_detail"),
    path("kiem-tra/buoi-kiem-tra/<int:pk>/minh-chung/", views.visit_evidence, name="inspection_visit_evidence"),
    path("kiem-tra/buoi-kiem-tra/<int:pk>/kien-nghi/them/", views.recommendation_create,
         name="inspection_recommendation_create"),
    path("kiem-tra/minh-chung/<int:pk>/", views.visit_file, name="inspection_visit_file"),
    path("kiem-tra/kien-nghi/", views.recommendation_list, name="inspection_recommendation_list"),
    path("kiem-tra/kien-nghi/xuat-excel", views.recommendation_export, name="inspection_recommendation_export"),
    path("kiem-tra/kien-nghi/<int:pk>/", views.recommendation_detail, name="inspection_recommendation_detail"),
    path("kiem-tra/kien-nghi/<int:pk>/hoan-thanh/", views.recommendation_close,
         name="inspection_recommendation_close"),
    path("kiem-tra/kien-nghi/<int:pk>/minh-chung/", views.recommendation_evidence,
         name="inspection_recommendation_evidence"),
    path("kiem-tra/kien-nghi/<int:pk>/thao-tac/<slug:action>/", views.recommendation_act,
         name="inspection_recommendation_act"),
    path("kiem-tra/kien-nghi/minh-chung/<int:pk>/", views.recommendation_file,
         name="inspection_recommendation_file"),
]  # fmt: skip
