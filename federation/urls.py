from django.urls import path

from . import views

app_name = "federation"
urlpatterns = [path("inbox/", views.inbox, name="inbox")]
