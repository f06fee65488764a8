from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "danvan.initiatives"
    verbose_name = "Phong trào “Dân vận khéo”"

    def ready(self) -> None:
        from danvan.accounts import roles
        from danvan.initiatives import inbox, lists, report  # noqa: F401  (register the inbox feed and the list for exports)
        from danvan.stats import pages, sections

        pages.register(pages.Page("initiatives", "Dân vận khéo", "initiative_stats", roles.INITIATIVES.view, order=10))
        # The section of the periodic report (issue 14).
        sections.register(report.SECTION)
