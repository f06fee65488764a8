from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    """The workflow kit as an app: no models, only its daily task and its command (``send_reminders``)."""

    name = "danvan.workflow"
    verbose_name = "Quy trình, thời hạn và nhắc việc"
