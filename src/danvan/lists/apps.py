from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "danvan.lists"
    label = "lists"
    verbose_name = "Danh sách và xuất Excel"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from danvan.lists.search import register_sqlite_fold

        # SQLite has no accent folding of its own: give every connection our fold().
        connection_created.connect(register_sqlite_fold, dispatch_uid="danvan.lists.fold")
