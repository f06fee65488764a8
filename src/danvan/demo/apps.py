from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed so that Django finds the ``seed_demo`` command; the demo has no models."""

    name = "danvan.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
