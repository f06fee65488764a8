"""The JSON API at /api/v1/ (django-ninja): OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

This module only assembles: the API object, its error handlers, and the routers
each part exports (accounts, units, every area). It holds no endpoint of its own,
so that nothing below the interfaces imports it back.

Every endpoint states its access: ``auth=API_AUTH`` (a bearer token or the
browser session) unless listed in :data:`PUBLIC_OPERATIONS`. Records of the
areas go through the same scope functions as the pages.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from danvan.accounts.api import API_AUTH
from danvan.accounts.api import router as accounts_router
from danvan.accounts.decorators import public
from danvan.democracy.api import router as democracy_router
from danvan.dialogues.api import router as dialogues_router
from danvan.indicators.api import router as indicators_router
from danvan.initiatives.api import router as initiatives_router
from danvan.inspections.api import router as inspections_router
from danvan.onestop.api import router as onestop_router
from danvan.petitions.api import router as petitions_router
from danvan.reports.api import router as reports_router
from danvan.satisfaction.api import router as satisfaction_router
from danvan.units.api import router as units_router

api = NinjaAPI(
    title="DanVan API",
    version="1",
    description="API của DanVan — quản lý công tác Dân vận chính quyền và phong trào “Dân vận khéo”.",
    urls_namespace="api",
    auth=API_AUTH,
    docs_url="/docs",
)

#: Operations that answer without authentication (none yet besides the schema and docs).
PUBLIC_OPERATIONS: frozenset[str] = frozenset()

#: Where the API answers: under it every error is JSON, in every environment, whatever raised it.
API_PREFIX = "/api/"
SERVER_ERROR = "Lỗi máy chủ: yêu cầu chưa được xử lý. Lỗi đã được ghi lại; xin thử lại sau hoặc báo quản trị."

logger = logging.getLogger("danvan.api")


def _error(request: HttpRequest, status: int, detail: str, errors: list[dict[str, str]] | None = None) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for item in exc.errors:
        loc = [str(p) for p in item.get("loc", []) if p not in ("query", "body", "path", "payload")]
        errors.append({"field": ".".join(loc), "message": _vi_validation_message(item)})
    fields = ", ".join(e["field"] for e in errors if e["field"])
    return _error(request, 422, f"Dữ liệu không hợp lệ: {fields}." if fields else "Dữ liệu không hợp lệ.", errors)


def _vi_validation_message(item: dict[str, Any]) -> str:
    kind = str(item.get("type", ""))
    ctx = item.get("ctx") or {}
    if kind == "missing":
        return "Bắt buộc."
    if kind == "null_refused" or (kind == "value_error" and ctx.get("error")):
        # Our own validators' messages, already in Vietnamese.
        return str(ctx.get("error") or item.get("msg", ""))
    if kind in {"greater_than_equal", "less_than_equal"} and ("ge" in ctx or "le" in ctx):
        return f"Phải từ {ctx['ge']} trở lên." if "ge" in ctx else f"Phải không quá {ctx['le']}."
    if kind == "string_too_long" and "max_length" in ctx:
        return f"Dài quá {ctx['max_length']} ký tự."
    if kind.startswith("date"):
        return "Ngày không hợp lệ (định dạng YYYY-MM-DD)."
    if kind.startswith("int"):
        return "Phải là số nguyên."
    if kind in {"enum", "literal_error"}:
        return "Giá trị không được chấp nhận."
    if kind.startswith("greater_than") or kind.startswith("less_than"):
        return "Giá trị ngoài phạm vi cho phép."
    return "Giá trị không hợp lệ."


@api.exception_handler(ValidationError)
def on_domain_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [{"field": f, "message": " ".join(m)} for f, m in exc.message_dict.items()]
    else:
        errors = [{"field": "", "message": m} for m in exc.messages]
    return _error(request, 422, "; ".join(e["message"] for e in errors), errors)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, "Chưa xác thực: cần mã truy cập hợp lệ (Authorization: Bearer <mã>).")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, str(exc) or "Không tìm thấy.")


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or "Không có quyền thực hiện.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(Exception)
def on_server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Anything else is a bug: its traceback goes to the log, the caller gets a JSON 500 (not Django's
    HTML page in production, nor ninja's plain-text traceback in development)."""
    logger.error("Lỗi máy chủ: %s %s", request.method, request.get_full_path(), exc_info=exc)
    # As Django does for an uncaught exception (error reporting listens; the test client re-raises it).
    got_request_exception.send(sender=None, request=request)
    return _error(request, 500, SERVER_ERROR)


# --- Django's own error views, for what never reaches an operation (an /api/ URL that does not resolve,
# such as a non-integer id, a request Django refuses before the API). urls.py names them as its handlers.


def _api_error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail, "errors": []}, status=status)


@public  # it discloses nothing: the same 404 for anyone
@csrf_exempt  # nothing to protect: a 404 for every method, as the API's own routes check CSRF themselves
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """The last route under /api/: a URL that matches no operation (an unknown path, a non-integer id) is
    a JSON 404 in every environment, where Django would answer its HTML page (its debug page in development)."""
    return _api_error(404, f"Không có địa chỉ API “{request.path}” (xem /api/v1/docs).")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponseBase:
    if request.path.startswith(API_PREFIX):
        return api_not_found(request)
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(400, "Yêu cầu không hợp lệ.")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(403, str(exception) or "Không có quyền thực hiện.")
    return defaults.permission_denied(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(500, SERVER_ERROR)
    return defaults.server_error(request)


# In this order, so that the OpenAPI document lists the paths as it always has. The unit tree's
# router declares no auth of its own (units sits below accounts, where API_AUTH lives): it gets it here.
api.add_router("/", accounts_router)
api.add_router("/", units_router, auth=API_AUTH)
api.add_router("/initiatives", initiatives_router)
api.add_router("/", petitions_router)
api.add_router("/onestop", onestop_router)
api.add_router("/satisfaction", satisfaction_router)
api.add_router("/dialogues", dialogues_router)
api.add_router("/democracy", democracy_router)
api.add_router("/inspections", inspections_router)
api.add_router("/indicators", indicators_router)
api.add_router("/reports", reports_router)
