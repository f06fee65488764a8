from django.urls import path

from danvan.dialogues import public_views, views

urlpatterns = [
    path("dialogues/", views.meeting_list, name="dialogues_meeting_list"),
    path("dialogues/export.xlsx", views.meeting_export, name="dialogues_meeting_export"),
    path("dialogues/new/", views.meeting_plan, name="dialogues_meeting_plan"),
    path("dialogues/meetings/<int:pk>/", views.meeting_detail, name="dialogues_meeting"),
    path("dialogues/meetings/<int:pk>/record/", views.meeting_record, name="dialogues_meeting_record"),
    path("dialogues/meetings/<int:pk>/act/<str:action>/", views.meeting_act, name="dialogues_meeting_act"),
    path("dialogues/meetings/<int:pk>/commitments/new/", views.commitment_add, name="dialogues_commitment_add"),
    path("dialogues/commitments/", views.commitment_list, name="dialogues_commitment_list"),
    path("dialogues/commitments/export.xlsx", views.commitment_export, name="dialogues_commitment_export"),
    path("dialogues/commitments/<int:pk>/", views.commitment_detail, name="dialogues_commitment"),
    path("dialogues/commitments/<int:pk>/act/<str:action>/", views.commitment_act, name="dialogues_commitment_act"),
    path("dialogues/evidence/<int:pk>/", views.evidence_file, name="dialogues_evidence"),
    path("dialogues/campaigns/", views.campaign_list, name="dialogues_campaign_list"),
    path("dialogues/campaigns/new/", views.campaign_create, name="dialogues_campaign_create"),
    path("dialogues/campaigns/<int:pk>/", views.campaign_detail, name="dialogues_campaign"),
    path("dialogues/campaigns/<int:pk>/act/<str:action>/", views.campaign_act, name="dialogues_campaign_act"),
    path("dialogues/campaigns/<int:pk>/groups/new/", views.campaign_group_add, name="dialogues_campaign_group_add"),
    path("dialogues/stats/", views.dialogue_stats, name="dialogues_stats"),
    path("cam-ket/", public_views.public_commitments, name="public_commitments"),
    path("cam-ket/<str:code>/", public_views.public_commitments_unit, name="public_commitments_unit"),
]
