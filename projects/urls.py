from django.urls import path

from .portal import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("time/", views.time_log, name="time_log"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/staffing/", views.project_staffing, name="staffing"),
]
