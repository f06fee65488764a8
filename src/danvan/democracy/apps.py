from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "danvan.democracy"
    verbose_name = "Thực hiện dân chủ ở cơ sở"

    def ready(self) -> None:
        from danvan.core.calendar import register_recomputation
        from danvan.democracy import inbox, lists, measures  # noqa: F401  (register the inbox feed and the list)
        from danvan.democracy.services import recheck_publications, recompute_open_decisions
        from danvan.stats import registry

        registry.register("democracy.publications", measures.PUBLICATIONS)
        registry.register("democracy.decisions", measures.DECISIONS)
        registry.register("democracy.consultations", measures.CONSULTATIONS)
        registry.register("democracy.findings", measures.FINDINGS)
        from danvan.accounts import roles
        from danvan.stats import pages

        pages.register(pages.Page("democracy", "Dân chủ ở cơ sở", "democracy_stats", roles.DEMOCRACY.view, order=60))
        from danvan.democracy import report
        from danvan.stats import sections

        sections.register(report.SECTION)
        # A day off or a make-up Saturday moves the 05-working-day clocks (Điều 13, 20.3, 21.2).
        register_recomputation("democracy.decisions", recompute_open_decisions)
        register_recomputation("democracy.publications", recheck_publications)
