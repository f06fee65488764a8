from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "danvan.initiatives"
    verbose_name = "Phong trào “Dân vận khéo”"

    def ready(self) -> None:
        from danvan.initiatives import inbox, lists  # noqa: F401  (register the inbox feed and the list for exports)
