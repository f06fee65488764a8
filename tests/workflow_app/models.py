from __future__ import annotations

from django.db import models


class Errand(models.Model):
    """A request for approval: the smallest record a unit owns and moves through states."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=16, default="draft")
    approved_on = models.DateField(null=True, blank=True)

    class Meta:
        app_label = "workflow_app"
        verbose_name = "đề nghị"

    def __str__(self) -> str:
        return self.title
