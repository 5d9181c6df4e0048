"""The API object: its routers, its answers to bad input, its caching.

django-ninja builds the OpenAPI 3 description from the endpoints' type hints and schemas
(served at /api/v1/openapi.json); the documentation page (`api.views`) is rendered from it.
"""

from __future__ import annotations

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from api import inspections, legal_documents, news, procedures, statistics
from api.errors import NOT_FOUND, ApiError, validation_message

# Browsers may keep an answer this long without asking again; the caching proxy keeps it until
# the next publish purges it (base.cache, base.purging: API answers belong to the site root).
BROWSER_MAX_AGE = 60


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Vietnamese readable as it is


class ListParameters(Parser):
    """An empty parameter is an absent one, as on the lists, where a form sends `linh-vuc=`
    for "Tất cả" and `trang=` for the first page."""

    def parse_querydict(self, data, list_fields, request):
        data = data.copy()
        for name in [name for name, values in data.lists() if not any(values)]:
            del data[name]
        return super().parse_querydict(data, list_fields, request)


class PortalApi(NinjaAPI):
    def create_response(self, request, data, *args, **kwargs):
        request.browser_max_age = BROWSER_MAX_AGE
        return super().create_response(request, data, *args, **kwargs)

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        # Say what ListParameters does: `linh-vuc=` is the same as no `linh-vuc`.
        for operations in schema["paths"].values():
            for operation in operations.values():
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "query":
                        parameter["allowEmptyValue"] = True
        return schema


api = PortalApi(
    title="API dữ liệu mở cải cách hành chính",
    version="1",
    description=(
        "Dữ liệu công khai của cổng: thủ tục hành chính, văn bản, danh mục văn bản hết hiệu "
        "lực, tin tức, kết quả kiểm tra và yêu cầu khắc phục, số liệu giải quyết hồ sơ. "
        "Chỉ đọc, không cần đăng ký. Tài liệu tiếng Việt: /du-lieu-mo/api/."
    ),
    urls_namespace="api_v1",
    docs_url=None,
    renderer=Renderer(),
    parser=ListParameters(),
)
for module in (procedures, legal_documents, news, inspections, statistics):
    api.add_router("", module.router)


@api.exception_handler(ApiError)
def api_error(request, exc: ApiError):
    return api.create_response(request, exc.body(), status=exc.status)


@api.exception_handler(ValidationError)
def invalid_parameter(request, exc: ValidationError):
    error = ApiError(400, [validation_message(e, request.GET) for e in exc.errors])
    return api.create_response(request, error.body(), status=400)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, ApiError(404, NOT_FOUND).body(), status=404)
