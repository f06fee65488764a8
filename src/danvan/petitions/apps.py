from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    verbose_name = "Tiếp công dân, xử lý đơn thư"
