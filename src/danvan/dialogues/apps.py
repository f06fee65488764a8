from django.apps import AppConfig


class DialoguesConfig(AppConfig):
    name = "danvan.dialogues"
    verbose_name = "Đối thoại, tiếp xúc cử tri và cam kết"
