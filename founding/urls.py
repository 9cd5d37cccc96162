from django.urls import path

from .portal import views

app_name = "founding"

urlpatterns = [
    path("setup/", views.setup, name="setup"),
    path("join/", views.join, name="join"),
    path("join/invitation/<str:token>/", views.invitation, name="invitation"),
    path("portal/founding/", views.overview, name="overview"),
    path("portal/founding/conference/", views.conference, name="conference"),
    path("portal/founding/plan/", views.plan, name="plan"),
    path("portal/founding/articles/", views.articles, name="articles"),
    path("portal/founding/incorporation/", views.incorporation, name="incorporation"),
]
