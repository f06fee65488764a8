"""`danvan backup` and `danvan restore`: a round trip on the test database (SQLite or PostgreSQL) with real
rows and uploaded files, and the refusals that must leave everything as it was.

The tests are transactional: the backup reads committed data (pg_dump is another process; SQLite's
backup API refuses a target inside a transaction), and the flush afterwards cleans up.
"""

from __future__ import annotations

import datetime
import io
import json
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from danvan.accounts.models import User
from danvan.core import backup
from danvan.core.text import format_number
from danvan.initiatives import services as initiative_services
from danvan.initiatives.models import Evidence, Initiative
from danvan.petitions import services as petition_services
from danvan.petitions.models import Attachment, Letter, Subject
from danvan.units.models import Unit
from tests.factories import UserFactory, make_initiative

transactional = pytest.mark.django_db(transaction=True)
needs_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (pg_dump/pg_restore)")
needs_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only (the online backup API)")

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(256)) * 8 + b"\xff\xd9"
PDF = b"%PDF-1.4\n" + "Đơn khiếu nại — bản quét".encode() * 40


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = tmp_path / "data" / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def records(tree, personas, media: Path) -> dict[str, object]:
    """Units, accounts, two models with evidence, a letter with its scan, and a file put in the storage."""
    initiative = make_initiative(tree.commune_a, "launched", name="Mô hình “Dân vận khéo” hiến đất làm đường")
    make_initiative(tree.commune_b, "in_progress")
    evidence = initiative_services.attach_evidence(
        actor=personas.officer_a, initiative=initiative, upload=SimpleUploadedFile("lễ ra mắt.jpg", JPEG)
    )
    letter = petition_services.receive_letter(
        actor=personas.officer_a,
        unit=tree.commune_a,
        intake=petition_services.Intake(
            received_on=datetime.date(2026, 3, 2),
            channel="in_person",
            kind="kn",
            subject=Subject.objects.get(name="Đất đai"),
            content="Khiếu nại quyết định thu hồi đất của UBND xã để mở rộng chợ.",
            sender_name="Nông Văn Bình",
            sender_id_number="006080001234",
            sender_address="Thôn A1, xã A",
            conditions_met={"form", "kn_content", "tc_content", "content", "not_handled"},
        ),
    )
    scan = petition_services.attach(actor=personas.officer_a, letter=letter, upload=SimpleUploadedFile("đơn.pdf", PDF))
    note = default_storage.save("ghi chú/biên bản họp thôn.txt", ContentFile("Biên bản họp thôn A1".encode()))
    return {"initiative": initiative, "evidence": evidence, "letter": letter, "scan": scan, "note": note}


def snapshot(media: Path) -> tuple[dict[str, backup.TableState], dict[str, backup.FileState]]:
    return backup.table_states(connection), backup.file_states(media)


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@transactional
def test_round_trip_brings_back_every_table_and_file(records, media: Path, tmp_path: Path) -> None:
    before_tables, before_files = snapshot(media)
    assert len(before_files) == 3 and before_tables["initiatives_initiative"].rows == 2

    archive = tmp_path / "sao-luu.tar.gz"
    out = run("backup", "--output", str(archive))
    rows = format_number(sum(s.rows for s in before_tables.values()))
    assert f"Đã sao lưu {len(before_tables)} bảng, {rows} dòng, 3 tệp vào {archive}" in out
    assert archive.stat().st_mode & 0o777 == 0o600  # personal data: the owner's alone
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
        names = set(tar.getnames())
    assert manifest["tables"] == {k: {"rows": v.rows, "sha256": v.sha256} for k, v in before_tables.items()}
    assert manifest["files"] == {k: {"size": v.size, "sha256": v.sha256} for k, v in before_files.items()}
    assert "initiatives.0001_initial" in manifest["migrations"] and manifest["danvan_version"]
    assert names == {"manifest.json", backup.DATABASE_MEMBERS[connection.vendor]} | {f"media/{n}" for n in before_files}

    # Change, delete and add rows and files after the backup.
    evidence, scan = records["evidence"], records["scan"]
    Path(evidence.file.path).write_bytes(JPEG[::-1])  # type: ignore[attr-defined]
    Path(scan.file.path).unlink()  # type: ignore[attr-defined]
    Attachment.objects.all().delete()
    Evidence.objects.all().delete()
    Unit.objects.filter(pk=records["initiative"].unit_id).update(name="Xã đã đổi tên")  # type: ignore[attr-defined]
    Initiative.objects.filter(status="in_progress").delete()
    UserFactory(username="sau_sao_luu")
    default_storage.save("tệp mới sau sao lưu.txt", ContentFile(b"moi"))
    assert snapshot(media) != (before_tables, before_files)

    out = run("restore", str(archive), "--yes")
    assert "khớp với bản sao lưu" in out
    assert "1 tệp không có trong bản sao lưu đã được chuyển sang" in out
    after_tables, after_files = snapshot(media)
    assert backup.compare_tables(before_tables, after_tables) == []
    assert after_tables == before_tables and after_files == before_files
    assert not User.objects.filter(username="sau_sao_luu").exists()
    assert Letter.objects.get().attachments.get().file.read() == PDF  # the ORM sees the restored rows and files


@transactional
def test_restore_without_yes_on_a_database_with_data_is_refused(records, media: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    run("backup", "-o", str(archive))
    UserFactory(username="moi")
    before = snapshot(media)
    with pytest.raises(
        CommandError, match=r"đang có dữ liệu \(\d+ tài khoản người dùng\).*--yes.*Không có gì bị thay đổi"
    ):
        run("restore", str(archive))
    assert snapshot(media) == before


def _rewrite(archive: Path, target: Path, change) -> None:
    """Copy ``archive`` to ``target`` member by member, passing each (info, data) through ``change``."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as tar:
        for info in source.getmembers():
            handle = source.extractfile(info)
            for new_info, data in change(info, handle.read() if handle else b""):
                new_info.size = len(data)
                tar.addfile(new_info, io.BytesIO(data))


def _flip_file(info: tarfile.TarInfo, data: bytes):
    if info.name.endswith(".jpg"):
        data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
    yield info, data


def _flip_database(info: tarfile.TarInfo, data: bytes):
    if info.name.startswith("database."):
        data = data[:-1] + bytes([data[-1] ^ 1])
    yield info, data


def _escape(info: tarfile.TarInfo, data: bytes):
    yield info, data
    if info.name == "manifest.json":
        evil = tarfile.TarInfo("../ngoai-thu-muc.txt")
        yield evil, b"evil"


def _symlink(info: tarfile.TarInfo, data: bytes):
    if info.name.endswith(".txt"):
        link = tarfile.TarInfo(info.name)
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        yield link, b""
    else:
        yield info, data


def _drop_file(info: tarfile.TarInfo, data: bytes):
    if not info.name.endswith(".pdf"):
        yield info, data


@transactional
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_flip_file, r"mã kiểm tra của tệp initiatives/.*/lễ_ra_mắt\.jpg không khớp"),
        (_flip_database, r"mã kiểm tra của database\.\w+ không khớp"),
        (_escape, r"đường dẫn không an toàn “\.\./ngoai-thu-muc\.txt”"),
        (_symlink, r"“media/ghi chú/.*\.txt” không phải tệp thường"),
        (_drop_file, r"thiếu media/.*đơn\.pdf"),
    ],
    ids=["file-changed", "database-changed", "path-escape", "symlink", "file-missing"],
)
def test_a_damaged_archive_is_refused_with_nothing_changed(records, media, tmp_path, change, message) -> None:
    archive, tampered = tmp_path / "b.tar.gz", tmp_path / "sua.tar.gz"
    run("backup", "-o", str(archive))
    _rewrite(archive, tampered, change)
    UserFactory(username="sau_sao_luu")  # the database differs from the backup: a restore would show
    before = snapshot(media)
    with pytest.raises(CommandError, match=rf"Bản sao lưu bị hỏng hoặc đã bị sửa: {message}.*Không có gì bị thay đổi"):
        run("restore", str(tampered), "--yes")
    assert snapshot(media) == before
    assert not (tmp_path / "ngoai-thu-muc.txt").exists()
    assert not any(p.name.startswith(".danvan-restore-") for p in (tmp_path / "data").iterdir())


@transactional
def test_not_an_archive_and_a_missing_one_are_refused(media: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tarball at all")
    with pytest.raises(CommandError, match="không đọc được tệp nén"):
        run("restore", str(junk), "--yes")
    with pytest.raises(CommandError, match="Không tìm thấy tệp sao lưu"):
        run("restore", str(tmp_path / "khong-co.tar.gz"), "--yes")


@transactional
def test_default_archive_goes_to_the_backups_folder_and_never_overwrites(media: Path) -> None:
    first = backup.create_backup()
    second = backup.create_backup()
    assert first.path.parent == second.path.parent == backup.backups_dir()
    assert first.path.name.startswith("danvan-backup-") and first.path.name.endswith(".tar.gz")
    assert first.path != second.path
    with pytest.raises(backup.BackupError, match="đã có"):
        backup.create_backup(first.path)


# --- SQLite ---------------------------------------------------------------------------------------


def test_sqlite_online_copy_while_another_connection_writes(tmp_path: Path) -> None:
    """The server may be running: a writer in the middle of a transaction neither blocks the copy nor
    gets into it; the copy is one self-contained file."""
    live = tmp_path / "live.sqlite3"
    server = sqlite3.connect(live, isolation_level=None)
    server.execute("PRAGMA journal_mode=WAL")
    server.execute("CREATE TABLE letter (id INTEGER PRIMARY KEY, content TEXT, ok BOOL)")
    server.executemany("INSERT INTO letter (content, ok) VALUES (?, ?)", [("Đơn số 1", True), ("Đơn số 2", False)])
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO letter (content) VALUES ('chưa ghi xong')")
    copy = tmp_path / "copy.sqlite3"
    backup.sqlite_online_copy(sqlite3.connect(live), copy)
    writer.execute("COMMIT")
    copied = sqlite3.connect(copy)
    assert copied.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert copied.execute("SELECT content FROM letter ORDER BY id").fetchall() == [("Đơn số 1",), ("Đơn số 2",)]
    state = backup.sqlite_table_states(copied.cursor())["letter"]
    assert state.rows == 2
    # Django's SQLite backend converts "bool" columns; the checksum reads stored values and is the same.
    import django.db.backends.sqlite3.base  # noqa: F401  (registers Django's converters)

    django_like = sqlite3.connect(copy, detect_types=sqlite3.PARSE_DECLTYPES)
    assert django_like.execute("SELECT ok FROM letter ORDER BY id").fetchall() == [(True,), (False,)]
    assert backup.sqlite_table_states(django_like.cursor())["letter"] == state


def test_sqlite_restore_gives_up_on_a_held_write_lock_and_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    """Python's backup API would retry a busy database for ever: the restore stops and says why."""
    monkeypatch.setattr(backup, "SQLITE_BUSY_SECONDS", 0.3)
    copy = tmp_path / "copy.sqlite3"
    other = sqlite3.connect(copy)
    other.execute("CREATE TABLE t (x)")
    other.execute("INSERT INTO t VALUES ('từ bản sao lưu')")
    other.commit()
    other.close()
    live = tmp_path / "live.sqlite3"
    target = sqlite3.connect(live, isolation_level=None, timeout=0.05)
    target.execute("PRAGMA journal_mode=WAL")
    target.execute("CREATE TABLE t (x)")
    target.execute("INSERT INTO t VALUES ('hiện có')")
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    with pytest.raises(backup.BackupError, match=r"đang bị một tiến trình khác ghi.*không thay đổi"):
        backup.sqlite_replace(target, copy)
    writer.execute("ROLLBACK")
    assert target.execute("SELECT x FROM t").fetchall() == [("hiện có",)]
    backup.sqlite_replace(target, copy)
    assert target.execute("SELECT x FROM t").fetchall() == [("từ bản sao lưu",)]


@transactional
@needs_sqlite
def test_sqlite_member_is_a_plain_database(records, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    run("backup", "-o", str(archive))
    with tarfile.open(archive) as tar:
        head = tar.extractfile("database.sqlite3").read(16)  # type: ignore[union-attr]
    assert head == b"SQLite format 3\x00"


# --- PostgreSQL -----------------------------------------------------------------------------------


@transactional
@needs_postgres
def test_postgres_member_is_a_custom_format_dump(records, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    run("backup", "-o", str(archive))
    with tarfile.open(archive) as tar:
        head = tar.extractfile("database.pgdump").read(5)  # type: ignore[union-attr]
    assert head == b"PGDMP"


def test_pg_tools_get_the_password_through_the_environment_only(monkeypatch) -> None:
    seen: list[tuple[list[str], dict[str, str]]] = []

    class Done:
        returncode, stdout, stderr = 0, "", ""

    def fake_run(args, env, **kwargs):
        seen.append((args, env))
        return Done()

    monkeypatch.setattr(backup.subprocess, "run", fake_run)
    settings_dict = {
        "NAME": "danvan",
        "USER": "danvan",
        "PASSWORD": "bí-mật-123",
        "HOST": "db.local",
        "PORT": 5433,
        "OPTIONS": {"sslmode": "require"},
    }
    backup._run(["/usr/bin/pg_dump", "--format=custom"], backup.pg_environment(settings_dict), "Sao lưu")
    args, env = seen[0]
    assert not any("bí-mật" in a for a in args)
    assert (env["PGPASSWORD"], env["PGHOST"], env["PGPORT"], env["PGUSER"]) == (
        "bí-mật-123",
        "db.local",
        "5433",
        "danvan",
    )
    assert env["PGSSLMODE"] == "require"


def test_missing_pg_tools_are_named(monkeypatch) -> None:
    monkeypatch.setattr(backup.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    with pytest.raises(backup.BackupError, match=r"Không tìm thấy chương trình pg_dump.*postgresql-client"):
        backup.pg_binary("pg_dump")


def test_pg_tools_prefer_the_newest_server_version(monkeypatch) -> None:
    found = [
        "/usr/lib/postgresql/9.6/bin/pg_dump",
        "/usr/lib/postgresql/15/bin/pg_dump",
        "/usr/lib/postgresql/13/bin/pg_dump",
    ]
    monkeypatch.setattr(backup.glob, "glob", lambda pattern: found)
    monkeypatch.setattr(backup.os, "access", lambda path, mode: True)
    assert backup.pg_binary("pg_dump") == "/usr/lib/postgresql/15/bin/pg_dump"
