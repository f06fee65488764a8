from django.urls import path

from danvan.petitions import backlog_views, open311, public_views, views

urlpatterns = [
    path("petitions/", views.case_list, name="case_list"),
    path("petitions/intake/", views.intake, name="petition_intake"),
    path("petitions/intake/suggestions/", views.intake_suggestions, name="petition_intake_suggestions"),
    path("petitions/export.xlsx", views.case_export, name="case_export"),
    path("petitions/sessions/", views.session_list, name="session_list"),
    path("petitions/stats/", views.petition_stats, name="petition_stats"),
    path("petitions/cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("petitions/cases/<int:pk>/act/<str:action>/", views.case_act, name="case_act"),
    path("petitions/cases/<int:pk>/extend/", views.case_extend, name="case_extend"),
    path("petitions/cases/<int:pk>/documents/<str:kind>.docx", views.case_document, name="case_document"),
    path("petitions/letters/<int:pk>/identity/", views.letter_identity, name="letter_identity"),
    path("petitions/letters/<int:pk>/attach/", views.letter_attach, name="letter_attach"),
    path("petitions/letters/<int:pk>/suggestion/<str:decision>/", views.letter_suggestion, name="letter_suggestion"),
    path("petitions/attachments/<int:pk>/", views.attachment_file, name="attachment_file"),
    path("petitions/personal-data/", views.personal_data_page, name="personal_data"),
    path("petitions/letters/<int:pk>/phieu-tiep-nhan/", public_views.letter_receipt, name="letter_receipt"),
    path("gui-don/", public_views.public_petition, name="public_petition"),
    path("gui-don/kiem-tra/", public_views.public_petition_check, name="public_petition_check"),
    path("gui-don/da-gui/", public_views.public_petition_done, name="public_petition_done"),
    path("gui-don/<slug:slug>/", public_views.public_petition_step, name="public_petition_step"),
    path("tra-cuu/", public_views.public_status, name="public_status"),
    path("tra-cuu/ma-qr/<str:code>.svg", public_views.public_status_qr, name="public_status_qr"),
    # Open311 GeoReport v2
    path("open311/v2/services.<str:fmt>", open311.services_list, name="open311_services"),
    path("open311/v2/services/<str:code>.<str:fmt>", open311.service_definition, name="open311_service"),
    path("open311/v2/requests.<str:fmt>", open311.requests_endpoint, name="open311_requests"),
    path("open311/v2/requests/<str:request_id>.<str:fmt>", open311.request_detail, name="open311_request"),
]

# The backlog: letters in no case yet, imported from an earlier register, and their grouping (issue 11).
urlpatterns += [
    path("petitions/backlog/", backlog_views.backlog_list, name="backlog"),
    path("petitions/backlog/import/", backlog_views.backlog_import, name="backlog_import"),
    path("petitions/backlog/mau-nhap-don-thu.xlsx", backlog_views.backlog_template, name="backlog_template"),
    path("petitions/backlog/group/", backlog_views.backlog_group, name="backlog_group"),
    path("petitions/backlog/runs/<uuid:pk>/", backlog_views.backlog_run, name="backlog_run"),
    path("petitions/backlog/runs/<uuid:pk>/review/", backlog_views.backlog_review, name="backlog_review"),
    path("petitions/backlog/runs/<uuid:pk>/apply/", backlog_views.backlog_apply, name="backlog_apply"),
]
