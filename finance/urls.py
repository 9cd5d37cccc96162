from django.urls import path

from .portal import views

app_name = "finance_portal"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("payslips/<int:pk>/", views.payslip, name="payslip"),
    path("reviews/<int:pk>/dispute/", views.dispute, name="dispute"),
]
