from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .openapi import openapi_document


@require_GET
def openapi_view(request):
    return JsonResponse(openapi_document(), json_dumps_params={"ensure_ascii": False})
