from django.db import migrations

#: The fields the seeds' reports count letters by; administrators edit them afterwards.
SUBJECTS = [
    "Đất đai",
    "Giải phóng mặt bằng, bồi thường, hỗ trợ, tái định cư",
    "Chế độ, chính sách",
    "Môi trường",
    "Tư pháp",
    "Tham nhũng, tiêu cực",
    "Quy hoạch, xây dựng, di dời chợ",
    "Khác",
]


def forwards(apps, schema_editor):
    Subject = apps.get_model("petitions", "Subject")
    for order, name in enumerate(SUBJECTS, start=1):
        Subject.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
