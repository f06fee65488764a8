"""The satisfaction area's pages."""

from django.urls import path

from danvan.satisfaction import views

urlpatterns = [
    path("hai-long/", views.index, name="satisfaction_index"),
    path("hai-long/chi-tieu/<int:unit_pk>/", views.set_target, name="satisfaction_set_target"),
    path("hai-long/phieu/", views.questionnaire_list, name="satisfaction_questionnaires"),
    path("hai-long/phieu/<int:pk>/", views.questionnaire_builder, name="satisfaction_builder"),
    path("hai-long/dot/", views.campaign_list, name="satisfaction_campaigns"),
    path("hai-long/dot/<int:pk>/", views.campaign_detail, name="satisfaction_campaign"),
    path("hai-long/dot/<int:pk>/nhap/", views.campaign_entry, name="satisfaction_entry"),
    path("khao-sat/<str:token>/", views.public_survey, name="satisfaction_public"),
    path("khao-sat/<str:token>/cam-on/", views.public_survey_done, name="satisfaction_public_done"),
]
