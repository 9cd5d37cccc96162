"""The member's own pages under /portal/membership/."""

from django.urls import path

from .portal import views

app_name = "membership_portal"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("shares/", views.shares, name="shares"),
    path("dues/", views.dues, name="dues"),
]
