"""The owner's labor-contract pages under /portal/labor/."""

from django.urls import path

from .portal import views

app_name = "labor_contracts_portal"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("timesheets/", views.timesheets, name="timesheets"),
    path("timesheets/<int:pk>/submit/", views.timesheet_submit, name="timesheet_submit"),
    path("pay/", views.pay, name="pay"),
]
