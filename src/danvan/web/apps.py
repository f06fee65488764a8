from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "danvan.web"
    label = "web"
    verbose_name = "Giao diện web"
