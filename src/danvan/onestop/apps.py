from django.apps import AppConfig


class OneStopConfig(AppConfig):
    name = "danvan.onestop"
    label = "onestop"
    verbose_name = "Một cửa, thủ tục hành chính"

    def ready(self) -> None:
        from danvan.core.calendar import register_recomputation
        from danvan.onestop import inbox, lists, measures  # noqa: F401  (register the inbox feed and the lists)
        from danvan.onestop.services import recompute_open_dossiers
        from danvan.stats import registry

        registry.register("onestop.dossiers", measures.DOSSIERS)
        registry.register("onestop.apologies", measures.APOLOGIES)
        registry.register("onestop.ratings", measures.RATINGS)
        from danvan.accounts import roles
        from danvan.stats import pages

        pages.register(pages.Page("onestop", "Một cửa", "onestop_stats", roles.ONESTOP.view, order=30))
        from danvan.onestop import report
        from danvan.stats import sections

        sections.register(report.SECTION)

        # A day off or a make-up Saturday moves the due instants of every dossier still in progress.
        register_recomputation("onestop.dossiers", recompute_open_dossiers)
