from django.urls import path

from danvan.lists import views

urlpatterns = [
    path("exports/<uuid:pk>/", views.export_job, name="export_job"),
    path("exports/<uuid:pk>/file", views.export_file, name="export_file"),
]
