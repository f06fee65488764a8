from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "danvan.units"
    label = "units"
    verbose_name = "Đơn vị hành chính và tổ chức"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from danvan.units import revision
        from danvan.units.models import Unit, UnitLineage
        from danvan.units.signals import unit_moved

        # Whatever is kept from the tree (the sub-units and coverage of a report) is read under a token
        # that every change of a unit or of a lineage link replaces.
        for model in (Unit, UnitLineage):
            post_save.connect(revision.bump, sender=model, dispatch_uid=f"danvan.units.revision.save.{model.__name__}")
            post_delete.connect(revision.bump, sender=model, dispatch_uid=f"danvan.units.revision.del.{model.__name__}")
        unit_moved.connect(revision.bump, dispatch_uid="danvan.units.revision.moved")
