from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    verbose_name = "Tiếp công dân, xử lý đơn thư"

    def ready(self) -> None:
        from danvan.accounts import roles
        from danvan.core.calendar import register_recomputation
        from danvan.petitions import inbox, lists, report  # noqa: F401  (register the inbox feed and the list for exports)
        from danvan.stats import pages, sections

        pages.register(
            pages.Page("petitions", "Tiếp công dân, đơn thư", "petition_stats", roles.PETITIONS.view, order=20)
        )
        from danvan.petitions.matching_tasks import unit_moved as reindex_moved
        from danvan.petitions.services import recompute_open_cases
        from danvan.units.signals import unit_moved

        # Adding a day off or a make-up Saturday moves the due dates of every open case.
        register_recomputation("petitions.cases", recompute_open_cases)
        # A commune moved to another province takes its letters to the other province's index.
        unit_moved.connect(reindex_moved, dispatch_uid="danvan.petitions.duplicates")
        # The section of the periodic report (issue 14).
        sections.register(report.SECTION)
