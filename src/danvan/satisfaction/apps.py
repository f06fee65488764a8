from django.apps import AppConfig


class SatisfactionConfig(AppConfig):
    name = "danvan.satisfaction"
    label = "satisfaction"
    verbose_name = "Sự hài lòng của người dân"

    def ready(self) -> None:
        from danvan.satisfaction import measures
        from danvan.stats import registry

        registry.register("satisfaction.answers", measures.ANSWERS)
        registry.register("satisfaction.responses", measures.RESPONSES)
        registry.register("satisfaction.expectations", measures.EXPECTATIONS)
        from danvan.accounts import roles
        from danvan.stats import pages

        pages.register(
            pages.Page("satisfaction", "Sự hài lòng", "satisfaction_index", roles.SATISFACTION.view, order=40)
        )
        from danvan.satisfaction import report
        from danvan.stats import sections

        sections.register(report.SECTION)
