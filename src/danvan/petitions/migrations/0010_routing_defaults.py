from django.db import migrations


def forwards(apps, schema_editor):
    from danvan.petitions.routing import load_defaults

    load_defaults(apps.get_model("petitions", "RoutingRule"), apps.get_model("petitions", "Subject"))


class Migration(migrations.Migration):
    """The default routing table (``petitions.routing.DEFAULT_RULES``, each rule with its legal basis):
    every instance starts with it, and administrators edit it; ``danvan load_routing`` adds rules that a
    later version brings."""

    dependencies = [("petitions", "0009_grouping")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
