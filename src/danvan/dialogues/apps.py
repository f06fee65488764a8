from django.apps import AppConfig


class DialoguesConfig(AppConfig):
    name = "danvan.dialogues"
    verbose_name = "Đối thoại, tiếp xúc cử tri và cam kết"

    def ready(self) -> None:
        from danvan.dialogues import inbox, lists, measures  # noqa: F401  (register the inbox feeds and the lists)
        from danvan.stats import registry

        for name, source in measures.SOURCES.items():
            registry.register(f"dialogues.{name}", source)
        from danvan.accounts import roles
        from danvan.stats import pages

        pages.register(pages.Page("dialogues", "Đối thoại, cam kết", "dialogues_stats", roles.DIALOGUES.view, order=50))
        from danvan.dialogues import report
        from danvan.stats import sections

        sections.register(report.SECTION)
