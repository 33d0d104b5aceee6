"""A URL whose view runs a slow query, standing for any query a future change makes slow."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path


def slow_view(request):
    seconds = float(request.GET.get("detik", "3"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [seconds])
    return HttpResponse("selesai")


urlpatterns = [path("lambat/", slow_view)]
