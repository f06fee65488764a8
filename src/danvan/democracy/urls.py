"""The pages of grassroots democracy (Luật Thực hiện dân chủ ở cơ sở 2022)."""

from django.urls import path

from danvan.democracy import views

urlpatterns = [
    path("dan-chu/cong-khai/", views.publication_list, name="democracy_publications"),
    path("dan-chu/cong-khai/xuat-excel/", views.publication_export, name="democracy_publication_export"),
    path("dan-chu/cong-khai/moi/", views.publication_edit, name="democracy_publication_new"),
    path("dan-chu/cong-khai/<int:pk>/sua/", views.publication_edit, name="democracy_publication_edit"),
    path("dan-chu/tep/<int:pk>/", views.record_file, name="democracy_file"),
    path("dan-chu/thieu-tre/", views.gaps, name="democracy_gaps"),
    path("dan-chu/quyet-dinh/", views.decision_list, name="democracy_decisions"),
    path("dan-chu/quyet-dinh/moi/", views.decision_new, name="democracy_decision_new"),
    path("dan-chu/quyet-dinh/ty-le/", views.decision_threshold, name="democracy_decision_threshold"),
    path("dan-chu/quyet-dinh/<int:pk>/", views.decision_detail, name="democracy_decision"),
    path("dan-chu/quyet-dinh/<int:pk>/buoc/<str:action>/", views.decision_act, name="democracy_decision_act"),
    path("dan-chu/lay-y-kien/", views.consultation_list, name="democracy_consultations"),
    path("dan-chu/lay-y-kien/moi/", views.consultation_edit, name="democracy_consultation_new"),
    path("dan-chu/lay-y-kien/<int:pk>/sua/", views.consultation_edit, name="democracy_consultation_edit"),
    path("dan-chu/ban-thanh-tra/", views.board_list, name="democracy_boards"),
    path("dan-chu/ban-thanh-tra/moi/", views.board_edit, name="democracy_board_new"),
    path("dan-chu/ban-thanh-tra/<int:pk>/", views.board_detail, name="democracy_board"),
    path("dan-chu/ban-thanh-tra/<int:pk>/sua/", views.board_edit, name="democracy_board_edit"),
    path(
        "dan-chu/ban-thanh-tra/<int:pk>/thanh-vien/<int:member>/bo/",
        views.board_member_remove,
        name="democracy_board_member_remove",
    ),
    path("dan-chu/huong-uoc/", views.convention_list, name="democracy_conventions"),
    path("dan-chu/huong-uoc/moi/", views.convention_edit, name="democracy_convention_new"),
    path("dan-chu/huong-uoc/<int:pk>/sua/", views.convention_edit, name="democracy_convention_edit"),
    path("dan-chu/thong-ke/", views.stats, name="democracy_stats"),
    path("dan-biet/<str:code>/", views.public_publications, name="democracy_public"),
]
