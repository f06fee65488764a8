from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "danvan.initiatives"
    verbose_name = "Phong trào “Dân vận khéo”"

    def ready(self) -> None:
        from danvan.accounts import roles
        from danvan.initiatives import inbox, lists  # noqa: F401  (register the inbox feed and the list for exports)
        from danvan.stats import pages

        pages.register(pages.Page("initiatives", "Dân vận khéo", "initiative_stats", roles.INITIATIVES.view, order=10))
