from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "danvan.indicators"
    label = "indicators"
    verbose_name = "Chỉ tiêu, chỉ số"

    def ready(self) -> None:
        from danvan.indicators import report
        from danvan.stats import sections

        sections.register(report.SECTION)
