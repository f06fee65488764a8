from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "danvan.reports"
    label = "reports"
    verbose_name = "Báo cáo định kỳ"

    def ready(self) -> None:
        from danvan.reports import own_sections
        from danvan.stats import sections

        sections.register(own_sections.UNITS)
        sections.register(own_sections.SUMMARY)
