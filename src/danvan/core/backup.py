"""Backups: one archive holding the database, the uploaded files and a manifest to check both by.

``danvan backup`` writes ``danvan-backup-YYYY-MM-DDTHHMM.tar.gz`` (under ``DATA_DIR/backups`` unless
told otherwise) with three kinds of members:

* ``database.sqlite3`` — an online copy through SQLite's backup API (the server may keep running:
  the copy is one consistent state of the database, in rollback-journal mode so it stands alone), or
  ``database.pgdump`` — ``pg_dump --format=custom`` taken in a snapshot that the manifest's figures
  are computed in as well;
* ``media/…`` — every file under ``MEDIA_ROOT`` (the uploaded evidence and attachments);
* ``manifest.json`` — the DanVan version, the applied migrations, when, and for every table its row
  count and a sha256 over its rows in primary-key order (each row serialized the same way each time),
  and the sha256 of the database member and of every file.

``danvan restore`` checks the whole archive against its manifest before it touches anything (a damaged
or edited archive is refused with nothing changed), puts the database and the files back, then computes
the figures again on the restored database and files and compares them with the manifest.

A table's checksum depends only on the stored values, so it is comparable on the same kind of database:
an SQLite backup restores into SQLite, a PostgreSQL one into PostgreSQL.
"""

from __future__ import annotations

import datetime
import glob
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from danvan.core.text import format_number

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA = "media"
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
_CHUNK = 1024 * 1024
_WORK_PREFIXES = (".danvan-backup-", ".danvan-restore-")


class BackupError(Exception):
    """A backup or a restore refused or failed; the message is for the person at the console."""


@dataclass(frozen=True)
class TableState:
    rows: int
    sha256: str


@dataclass(frozen=True)
class FileState:
    size: int
    sha256: str


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    files: int
    size: int
    seconds: float


@dataclass
class RestoreResult:
    tables: int
    rows: int
    files: int
    seconds: float
    #: What did not match the manifest after the restore (empty: everything did).
    problems: list[str] = field(default_factory=list)
    #: Files under MEDIA_ROOT that the backup did not have, moved there rather than deleted.
    displaced: int = 0
    displaced_to: Path | None = None
    #: Migrations of this code that the restored database has not applied (run ``danvan migrate``).
    pending_migrations: int = 0
    #: Migrations the backup had applied that this code does not know (a newer DanVan made it).
    unknown_migrations: list[str] = field(default_factory=list)


# --- where ---------------------------------------------------------------------------------------


def backups_dir() -> Path:
    return Path(settings.DATA_DIR) / "backups"


def default_archive_path(now: datetime.datetime | None = None) -> Path:
    """``DATA_DIR/backups/danvan-backup-2026-12-01T0930.tar.gz`` (local time), ``-2``, ``-3``… if taken."""
    stamp = timezone.localtime(now).strftime("%Y-%m-%dT%H%M")
    folder = backups_dir()
    path = folder / f"danvan-backup-{stamp}.tar.gz"
    n = 2
    while path.exists():
        path = folder / f"danvan-backup-{stamp}-{n}.tar.gz"
        n += 1
    return path


# --- checksums -----------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _encode(value: Any) -> Any:
    """A value as SQLite returns it (int, float, str, bytes, None), JSON-ready and unambiguous."""
    if isinstance(value, bytes | memoryview):
        return ["blob", bytes(value).hex()]
    return value


def _digest_rows(columns: list[str], rows: Iterable[tuple[Any, ...]]) -> TableState:
    digest = hashlib.sha256(json.dumps(columns, ensure_ascii=False).encode() + b"\n")
    count = 0
    for row in rows:
        line = json.dumps([_encode(v) for v in row], ensure_ascii=False, separators=(",", ":"))
        digest.update(line.encode() + b"\n")
        count += 1
    return TableState(count, digest.hexdigest())


def _fetch_all(cursor: Any, sql: str, params: tuple[Any, ...] | None = None) -> Iterator[tuple[Any, ...]]:
    if params is None:
        cursor.execute(sql)
    else:
        cursor.execute(sql, params)
    while batch := cursor.fetchmany(2000):
        yield from batch


def sqlite_table_states(cursor: Any) -> dict[str, TableState]:
    """Every table's rows and checksum, through any cursor on an SQLite database.

    ``+column`` reads the stored value without its declared type, so Django's converters (bool,
    date…) do not apply and a plain ``sqlite3`` cursor and Django's give the same figures.
    """
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    tables = [name for (name,) in cursor.fetchall() if not name.startswith("sqlite_")]
    states = {}
    for table in tables:
        cursor.execute(f"PRAGMA table_info({_quote(table)})")
        info = cursor.fetchall()  # cid, name, type, notnull, default, pk
        columns = [row[1] for row in info]
        keys = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]]
        select = ", ".join(f"+{_quote(c)}" for c in columns)
        order = ", ".join(_quote(k) for k in keys) or ", ".join(str(i + 1) for i in range(len(columns)))
        sql = f"SELECT {select} FROM {_quote(table)} ORDER BY {order}"  # noqa: S608  (names from the catalogue)
        states[table] = _digest_rows(columns, _fetch_all(cursor, sql))
    return states


def postgres_table_states(cursor: Any) -> dict[str, TableState]:
    """Every visible table's rows and checksum on PostgreSQL: each row as PostgreSQL writes it as text."""
    cursor.execute(
        "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind = 'r' AND pg_catalog.pg_table_is_visible(c.oid) "
        "AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY c.relname"
    )
    tables = [name for (name,) in cursor.fetchall()]
    states = {}
    for table in tables:
        cursor.execute(
            "SELECT a.attname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a "
            "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
            "WHERE i.indrelid = %s::regclass AND i.indisprimary "
            "ORDER BY array_position(i.indkey::int2[], a.attnum)",
            (_quote(table),),
        )
        keys = [name for (name,) in cursor.fetchall()]
        cursor.execute(
            "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = %s::regclass "
            "AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
            (_quote(table),),
        )
        columns = [name for (name,) in cursor.fetchall()]
        order = ", ".join(f"_r.{_quote(k)}" for k in keys) or '1 COLLATE "C"'
        sql = f"SELECT ROW(_r.*)::text FROM {_quote(table)} AS _r ORDER BY {order}"  # noqa: S608  (catalogue names)
        states[table] = _digest_rows(columns, _fetch_all(cursor, sql))
    return states


def table_states(connection: BaseDatabaseWrapper) -> dict[str, TableState]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return sqlite_table_states(cursor)
        return postgres_table_states(cursor)


def _skipped_dir(path: Path) -> bool:
    return path.name.startswith(_WORK_PREFIXES) or path == backups_dir()


def _media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(POSIX name relative to ``root``, path) of every regular file under it, in name order.

    Symbolic links are not followed; a backups folder or a work folder inside it is left out.
    """
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not _skipped_dir(here / d) and not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix(), path


def file_states(root: Path) -> dict[str, FileState]:
    return {name: FileState(path.stat().st_size, sha256_of(path)) for name, path in _media_files(root)}


def danvan_version() -> str:
    try:
        return metadata.version("danvan")
    except metadata.PackageNotFoundError:
        return "unknown"


# --- PostgreSQL's tools ---------------------------------------------------------------------------


def pg_binary(name: str) -> str:
    """``pg_dump`` or ``pg_restore``: the newest under ``/usr/lib/postgresql/*/bin`` (as
    scripts/with_postgres.sh finds the server), else on PATH."""

    def version(path: str) -> tuple[int, ...]:
        found = re.search(r"/postgresql/([\d.]+)/bin/", path)
        return tuple(int(p) for p in found.group(1).split(".") if p) if found else ()

    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version)
    for path in reversed(candidates):
        if os.access(path, os.X_OK):
            return path
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise BackupError(
        f"Không tìm thấy chương trình {name} của PostgreSQL (cần cho sao lưu và khôi phục): "
        "cài gói postgresql-client (apt-get install postgresql-client) hoặc thêm thư mục chứa nó vào PATH."
    )


_PG_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "options": "PGOPTIONS",
}


def pg_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The environment for pg_dump/pg_restore from Django's DATABASES entry: the connection settings and
    the password go through libpq's variables, never on the command line (where ``ps`` shows them)."""
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("NAME", "PGDATABASE")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    for option, variable in _PG_OPTIONS.items():
        value = (settings_dict.get("OPTIONS") or {}).get(option)
        if value not in (None, ""):
            env[variable] = str(value)
    env["PGAPPNAME"] = "danvan-backup"
    return env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    completed = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip()
        raise BackupError(f"{what} thất bại ({Path(args[0]).name}, mã {completed.returncode}): {detail}")


# --- backup --------------------------------------------------------------------------------------


class _HashingReader:
    """Hands tarfile a file's bytes and hashes exactly what went into the archive."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


#: How long the SQLite backup API may wait for a lock held by another connection (Python retries forever).
SQLITE_BUSY_SECONDS = 30.0


class _Busy(Exception):
    pass


def _sqlite_backup(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """``source.backup(target)`` in one step, giving up after :data:`SQLITE_BUSY_SECONDS` of locks."""
    deadline = time.monotonic() + SQLITE_BUSY_SECONDS

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise _Busy

    source.backup(target, progress=progress, sleep=0.1)


def sqlite_online_copy(source: sqlite3.Connection, destination: Path) -> None:
    """Copy a live SQLite database through the backup API: one consistent state even while other
    connections write (in WAL mode they are not blocked); the copy is turned to rollback-journal mode
    so that it is a single self-contained file."""
    target = sqlite3.connect(destination)
    try:
        try:
            _sqlite_backup(source, target)
        except _Busy:
            raise BackupError(
                f"Cơ sở dữ liệu bị khóa quá {format_number(SQLITE_BUSY_SECONDS)} giây: thử lại sau."
            ) from None
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()


def sqlite_replace(target: sqlite3.Connection, copy: Path) -> None:
    """Replace the whole database of ``target`` by ``copy`` through the backup API: one write transaction,
    so a failure (another connection holding the write lock too long) leaves the database as it was."""
    if target.in_transaction:
        raise BackupError("Không khôi phục được bên trong một giao dịch cơ sở dữ liệu đang mở.")
    source = _sqlite_read_only(copy)
    try:
        _sqlite_backup(source, target)
    except _Busy:
        raise BackupError(
            f"Cơ sở dữ liệu đang bị một tiến trình khác ghi (khóa quá {format_number(SQLITE_BUSY_SECONDS)} giây): "
            "dừng máy chủ DanVan và các tiến trình đang chạy (db_worker) rồi thử lại. "
            "Cơ sở dữ liệu và các tệp không thay đổi."
        ) from None
    except sqlite3.Error as exc:
        raise BackupError(
            f"Khôi phục cơ sở dữ liệu thất bại ({exc}): dừng máy chủ DanVan và các tiến trình đang ghi rồi thử lại. "
            "Cơ sở dữ liệu và các tệp không thay đổi."
        ) from exc
    finally:
        source.close()


def _migrations(cursor: Any) -> list[str]:
    """The applied migrations as ``app.name``, in the order they were applied."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def _dump_sqlite(connection: BaseDatabaseWrapper, work: Path) -> tuple[Path, dict[str, TableState], list[str]]:
    path = work / DATABASE_MEMBERS["sqlite"]
    connection.ensure_connection()
    try:
        sqlite_online_copy(connection.connection, path)
    except sqlite3.Error as exc:
        raise BackupError(f"Sao lưu cơ sở dữ liệu thất bại: {exc}") from exc
    copy = sqlite3.connect(path)
    try:
        cursor = copy.cursor()
        return path, sqlite_table_states(cursor), _migrations(cursor)
    finally:
        copy.close()


def _dump_postgres(connection: BaseDatabaseWrapper, work: Path) -> tuple[Path, dict[str, TableState], list[str]]:
    path = work / DATABASE_MEMBERS["postgresql"]
    pg_dump = pg_binary("pg_dump")
    if connection.in_atomic_block:
        raise BackupError("Không sao lưu được bên trong một giao dịch cơ sở dữ liệu đang mở.")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # One snapshot for pg_dump and for the manifest's figures, whatever the server writes meanwhile.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_catalog.pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        args = [pg_dump, "--format=custom", "--no-password", f"--snapshot={snapshot}", f"--file={path}"]
        _run(args, pg_environment(connection.settings_dict), "Sao lưu cơ sở dữ liệu")
        return path, postgres_table_states(cursor), _migrations(cursor)


def _open_exclusive(path: Path) -> IO[bytes]:
    """A new file only the owner may read: the archive holds personal data and sealed identities."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(fd, "wb")


def _tar_info(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(mtime), 0o600
    return info


def create_backup(output: Path | None = None, *, using: str = "default") -> BackupResult:
    """Write one archive of the database and the uploaded files; see the module's docstring."""
    started = time.perf_counter()
    connection = connections[using]
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}: chỉ SQLite và PostgreSQL.")
    if output is None:
        backups_dir().mkdir(mode=0o700, parents=True, exist_ok=True)
        output = default_archive_path()
    output = output.resolve()
    if output.exists():
        raise BackupError(f"Tệp {output} đã có: chọn tên khác, bản sao lưu không ghi đè tệp nào.")
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    partial = output.with_name(output.name + ".part")
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".danvan-backup-") as work_dir:
        work = Path(work_dir)
        dump = _dump_sqlite if connection.vendor == "sqlite" else _dump_postgres
        db_path, tables, migrations = dump(connection, work)
        files: dict[str, dict[str, Any]] = {}
        try:
            with (
                _open_exclusive(partial) as raw,
                tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6, format=tarfile.PAX_FORMAT) as tar,
            ):
                db_member = DATABASE_MEMBERS[connection.vendor]
                stat = db_path.stat()
                with db_path.open("rb") as handle:
                    reader = _HashingReader(handle)
                    tar.addfile(_tar_info(db_member, stat.st_size, stat.st_mtime), reader)
                database = {
                    "vendor": connection.vendor,
                    "member": db_member,
                    "size": stat.st_size,
                    "sha256": reader.digest.hexdigest(),
                }
                for name, path in _media_files(media_root):
                    if path.resolve() in (output, partial):
                        continue
                    with path.open("rb") as handle:
                        stat = os.fstat(handle.fileno())
                        reader = _HashingReader(handle)
                        info = _tar_info(f"{MEDIA}/{name}", stat.st_size, stat.st_mtime)
                        tar.addfile(info, reader)
                    files[name] = {"size": stat.st_size, "sha256": reader.digest.hexdigest()}
                manifest = {
                    "format": FORMAT,
                    "application": "danvan",
                    "danvan_version": danvan_version(),
                    "created_at": timezone.localtime().isoformat(timespec="seconds"),
                    "database": database,
                    "migrations": migrations,
                    "tables": {name: {"rows": s.rows, "sha256": s.sha256} for name, s in tables.items()},
                    "files": files,
                }
                body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
                tar.addfile(_tar_info(MANIFEST, len(body), time.time()), _BytesReader(body))
            os.replace(partial, output)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return BackupResult(
        path=output,
        tables=len(tables),
        rows=sum(s.rows for s in tables.values()),
        files=len(files),
        size=output.stat().st_size,
        seconds=time.perf_counter() - started,
    )


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self.data, self.offset = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.offset + size
        chunk, self.offset = self.data[self.offset : end], min(end, len(self.data))
        return chunk


# --- restore -------------------------------------------------------------------------------------


def user_accounts(connection: BaseDatabaseWrapper) -> int:
    """How many user accounts the database has: what makes it "not empty" for a restore.

    A freshly migrated database has none (the migrations fill only reference lists, which the backup
    brings back as well); every database in use has at least its administrator.
    """
    table = get_user_model()._meta.db_table
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return 0
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return int(cursor.fetchone()[0])


def _damaged(reason: str) -> BackupError:
    return BackupError(f"Bản sao lưu bị hỏng hoặc đã bị sửa: {reason}. Không có gì bị thay đổi.")


def _safe_member(member: tarfile.TarInfo) -> str:
    """The member's name if it is a plain file or folder at a relative path inside the archive."""
    name = member.name
    parts = PurePosixPath(name).parts
    if not (member.isfile() or member.isdir()):
        raise _damaged(f"“{name}” không phải tệp thường (liên kết hoặc thiết bị)")
    if not parts or name.startswith(("/", "\\")) or ".." in parts or "\\" in name or re.match(r"^[A-Za-z]:", name):
        raise _damaged(f"đường dẫn không an toàn “{name}”")
    return PurePosixPath(*parts).as_posix()


@dataclass
class _Checked:
    manifest: dict[str, Any]
    database: Path
    media: Path
    tables: dict[str, TableState]
    files: dict[str, FileState]


def _read_manifest(data: bytes, vendor: str) -> tuple[dict[str, Any], dict[str, TableState], dict[str, FileState]]:
    try:
        manifest = json.loads(data)
        if manifest.get("application") != "danvan" or manifest.get("format") != FORMAT:
            raise _damaged("manifest.json không phải của DanVan hoặc khác định dạng")
        tables = {str(k): TableState(int(v["rows"]), str(v["sha256"])) for k, v in manifest["tables"].items()}
        files = {str(k): FileState(int(v["size"]), str(v["sha256"])) for k, v in manifest["files"].items()}
        source = manifest["database"]["vendor"]
        str(manifest["database"]["sha256"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _damaged(f"manifest.json không đọc được ({exc})") from exc
    if source != vendor:
        raise BackupError(
            f"Bản sao lưu này là của {VENDOR_NAMES.get(source, source)}, không khôi phục được vào "
            f"{VENDOR_NAMES.get(vendor, vendor)}. Không có gì bị thay đổi."
        )
    return manifest, tables, files


def _check_archive(archive: Path, vendor: str, staging: Path) -> _Checked:
    """Extract the archive into ``staging`` and check every member against the manifest."""
    if not archive.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {archive}.")
    db_member = DATABASE_MEMBERS[vendor]
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            names = [_safe_member(m) for m in members]
            if len(set(names)) != len(names):
                raise _damaged("có tệp trùng tên")
            if MANIFEST not in names:
                raise _damaged("thiếu manifest.json")
            handle = tar.extractfile(MANIFEST)
            assert handle is not None
            manifest, tables, files = _read_manifest(handle.read(), vendor)
            wanted = {MANIFEST, db_member} | {f"{MEDIA}/{name}" for name in files}
            present = {name for name, m in zip(names, members, strict=True) if m.isfile()}
            if missing := sorted(wanted - present):
                raise _damaged(f"thiếu {', '.join(missing[:5])}")
            if extra := sorted(present - wanted):
                raise _damaged(f"có tệp không ghi trong manifest: {', '.join(extra[:5])}")
            tar.extractall(staging, members=[m for m in members if m.isfile()], filter="data")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise _damaged(f"không đọc được tệp nén ({exc})") from exc
    database = staging / db_member
    if sha256_of(database) != manifest["database"]["sha256"]:
        raise _damaged(f"mã kiểm tra của {db_member} không khớp")
    media = staging / MEDIA
    for name, state in files.items():
        path = media / name
        if path.stat().st_size != state.size or sha256_of(path) != state.sha256:
            raise _damaged(f"mã kiểm tra của tệp {name} không khớp")
    if vendor == "sqlite":
        _check_sqlite_copy(database, tables)
    else:
        with tempfile.TemporaryFile() as sink:
            # pg_restore reads the whole table of contents: a dump it cannot read is refused here.
            listing = subprocess.run(  # noqa: S603
                [pg_binary("pg_restore"), "--list", str(database)], stdout=sink, stderr=subprocess.PIPE, check=False
            )
        if listing.returncode != 0:
            raise _damaged(f"pg_restore không đọc được bản kết xuất ({listing.stderr.decode(errors='replace')})")
    return _Checked(manifest, database, media, tables, files)


def _sqlite_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)


def _check_sqlite_copy(path: Path, expected: dict[str, TableState]) -> None:
    try:
        copy = _sqlite_read_only(path)
        try:
            cursor = copy.cursor()
            cursor.execute("PRAGMA integrity_check")
            verdict = [row[0] for row in cursor.fetchall()]
            if verdict != ["ok"]:
                raise _damaged(f"tệp cơ sở dữ liệu hỏng ({'; '.join(verdict[:3])})")
            states = sqlite_table_states(cursor)
        finally:
            copy.close()
    except sqlite3.DatabaseError as exc:
        raise _damaged(f"tệp cơ sở dữ liệu không đọc được ({exc})") from exc
    if problems := compare_tables(expected, states):
        raise _damaged("; ".join(problems[:5]))


def compare_tables(expected: dict[str, TableState], actual: dict[str, TableState]) -> list[str]:
    problems = []
    for name in sorted(expected.keys() | actual.keys()):
        want, got = expected.get(name), actual.get(name)
        if want is None:
            problems.append(f"bảng {name} không có trong bản sao lưu")
        elif got is None:
            problems.append(f"thiếu bảng {name}")
        elif want.rows != got.rows:
            problems.append(f"bảng {name}: {got.rows} dòng thay vì {want.rows}")
        elif want.sha256 != got.sha256:
            problems.append(f"bảng {name}: mã kiểm tra khác")
    return problems


def compare_files(expected: dict[str, FileState], actual: dict[str, FileState]) -> list[str]:
    problems = []
    for name in sorted(expected.keys() | actual.keys()):
        want, got = expected.get(name), actual.get(name)
        if want is None:
            problems.append(f"tệp {name} không có trong bản sao lưu")
        elif got is None:
            problems.append(f"thiếu tệp {name}")
        elif want != got:
            problems.append(f"tệp {name}: mã kiểm tra khác")
    return problems


def _restore_sqlite(connection: BaseDatabaseWrapper, copy: Path) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("Không khôi phục được bên trong một giao dịch cơ sở dữ liệu đang mở.")
    sqlite_replace(connection.connection, copy)


def _restore_postgres(connection: BaseDatabaseWrapper, dump: Path, tables: Iterable[str]) -> None:
    pg_restore = pg_binary("pg_restore")
    if connection.in_atomic_block:
        raise BackupError("Không khôi phục được bên trong một giao dịch cơ sở dữ liệu đang mở.")
    name = connection.settings_dict.get("NAME")
    if not name:
        raise BackupError("DATABASES['default'] không có NAME: không biết khôi phục vào cơ sở dữ liệu nào.")
    # Tables the backup does not have (a newer schema) would outlive the restore and block --clean.
    with connection.cursor() as cursor:
        extra = sorted(set(connection.introspection.table_names(cursor)) - set(tables))
    if extra:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for table in extra:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
    connection.close()
    args = [
        pg_restore,
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        "--no-password",
        f"--dbname={name}",
        str(dump),
    ]
    _run(args, pg_environment(connection.settings_dict), "Khôi phục cơ sở dữ liệu")


def _restore_files(staged: Path, files: dict[str, FileState], root: Path) -> tuple[int, Path | None]:
    """Make ``root`` hold exactly the backup's files; files it did not have are moved aside, not deleted."""
    root.mkdir(parents=True, exist_ok=True)
    aside = backups_dir() / f"before-restore-{timezone.localtime():%Y-%m-%dT%H%M%S}"
    displaced = 0

    def move_aside(name: str, path: Path) -> None:
        nonlocal displaced
        target = aside / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)
        displaced += 1

    for name, path in list(_media_files(root)):
        if name not in files:
            move_aside(name, path)
    for name, state in files.items():
        target = root / name
        if target.is_symlink() or target.is_dir():
            move_aside(name, target)
        elif target.is_file() and target.stat().st_size == state.size and sha256_of(target) == state.sha256:
            continue
        for parent in reversed(PurePosixPath(name).parents[:-1]):
            folder = root / parent
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                move_aside(parent.as_posix(), folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staged / name, target)
    return displaced, (aside if displaced else None)


def _pending_migrations(connection: BaseDatabaseWrapper) -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _unknown_migrations(applied: list[str], connection: BaseDatabaseWrapper) -> list[str]:
    known = {f"{app}.{name}" for app, name in MigrationExecutor(connection).loader.disk_migrations}
    return [str(name) for name in applied if name not in known]


def restore_backup(archive: Path, *, confirmed: bool = False, using: str = "default") -> RestoreResult:
    """Put back the database and the uploaded files of ``archive``, then check them against its manifest.

    Refused, with nothing changed, on a database that has user accounts unless ``confirmed``, and on an
    archive whose members do not match its manifest.
    """
    started = time.perf_counter()
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Chưa hỗ trợ khôi phục vào cơ sở dữ liệu {vendor}: chỉ SQLite và PostgreSQL.")
    if not confirmed and (accounts := user_accounts(connection)):
        raise BackupError(
            f"Cơ sở dữ liệu hiện đang có dữ liệu ({accounts} tài khoản người dùng). Khôi phục sẽ thay toàn bộ "
            "dữ liệu và các tệp đã tải lên bằng nội dung của bản sao lưu. Nếu chắc chắn, chạy lại với --yes. "
            "Không có gì bị thay đổi."
        )
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".danvan-restore-") as staging_dir:
        checked = _check_archive(archive.resolve(), vendor, Path(staging_dir))
        unknown = _unknown_migrations(checked.manifest["migrations"], connection)
        # Everything is checked: from here on the database and the files are replaced.
        if vendor == "sqlite":
            _restore_sqlite(connection, checked.database)
        else:
            _restore_postgres(connection, checked.database, checked.tables)
        ContentType.objects.clear_cache()
        displaced, displaced_to = _restore_files(checked.media, checked.files, Path(settings.MEDIA_ROOT))
    problems = compare_tables(checked.tables, table_states(connection))
    problems += compare_files(checked.files, file_states(Path(settings.MEDIA_ROOT)))
    return RestoreResult(
        tables=len(checked.tables),
        rows=sum(s.rows for s in checked.tables.values()),
        files=len(checked.files),
        seconds=time.perf_counter() - started,
        problems=problems,
        displaced=displaced,
        displaced_to=displaced_to,
        pending_migrations=_pending_migrations(connection),
        unknown_migrations=unknown,
    )
