from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "danvan.inspections"
    verbose_name = "Kiểm tra, giám sát"

    def ready(self) -> None:
        from danvan.inspections import inbox, lists, measures  # noqa: F401  (register the feeds and the lists)
        from danvan.stats import registry

        registry.register("inspections.plans", measures.PLANS)
        registry.register("inspections.visits", measures.VISITS)
        registry.register("inspections.recommendations", measures.RECOMMENDATIONS)
        from danvan.accounts import roles
        from danvan.stats import pages

        pages.register(
            pages.Page("inspections", "Kiểm tra, giám sát", "inspection_stats", roles.INSPECTIONS.view, order=70)
        )
        from danvan.inspections import report
        from danvan.stats import sections

        sections.register(report.SECTION)
