from django.http import JsonResponse

from .http import read_only_api
from .openapi import openapi_document


@read_only_api
def openapi_view(request):
    return JsonResponse(openapi_document(), json_dumps_params={"ensure_ascii": False})
