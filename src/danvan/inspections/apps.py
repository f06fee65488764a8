from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "danvan.inspections"
    verbose_name = "Kiểm tra, giám sát"
