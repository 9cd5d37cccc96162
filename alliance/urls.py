from django.urls import path

from .portal import views

app_name = "alliance"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("profile/", views.profile, name="profile"),
    path("profile/publish/", views.publish, name="publish"),
    path("directory/", views.directory, name="directory"),
    path("peers/<int:pk>/sharing/", views.sharing, name="sharing"),
]
