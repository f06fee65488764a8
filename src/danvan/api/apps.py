from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "danvan.api"
    label = "api"
    verbose_name = "API"
