from django.apps import AppConfig


class SatisfactionConfig(AppConfig):
    name = "danvan.satisfaction"
    verbose_name = "Sự hài lòng của người dân"
