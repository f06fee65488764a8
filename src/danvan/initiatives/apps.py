from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "danvan.initiatives"
    verbose_name = "Phong trào “Dân vận khéo”"

    def ready(self) -> None:
        from danvan.initiatives import lists  # noqa: F401  (registers the list for background exports)
