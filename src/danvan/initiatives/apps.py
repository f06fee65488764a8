from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "danvan.initiatives"
    verbose_name = "Phong trào “Dân vận khéo”"
