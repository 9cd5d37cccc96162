from django.urls import path

from .portal import views

app_name = "finance_portal"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("payslips/<int:pk>/", views.payslip, name="payslip"),
    path("review-cycles/<int:pk>/write/", views.review_write, name="review_write"),
    path("reviews/<int:pk>/dispute/", views.dispute, name="dispute"),
    path("dividends/<int:pk>/notice/", views.allocation_notice, name="allocation_notice"),
    path("dividends/<int:pk>/notice.pdf", views.allocation_notice_pdf, name="allocation_notice_pdf"),
]
