from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "danvan.stats"
    label = "stats"
    verbose_name = "Thống kê"

    def ready(self) -> None:
        from danvan.stats import receivers
        from danvan.units.signals import unit_moved

        # A unit that moves to another province takes its records' province keys with it.
        unit_moved.connect(receivers.keys_follow_the_unit, dispatch_uid="danvan.stats.keys")
