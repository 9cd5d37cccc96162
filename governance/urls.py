from django.urls import path

from .portal import views

app_name = "governance"

urlpatterns = [
    path("", views.index, name="index"),
    path("motions/<int:pk>/", views.motion_detail, name="motion"),
    path("motions/<int:pk>/calendar.ics", views.motion_ics, name="motion_ics"),
    path("motions/<int:pk>/ballot/", views.ballot_cast, name="ballot"),
    path("motions/<int:pk>/comment/", views.comment_add, name="comment"),
    path("motions/<int:pk>/nominate/", views.nominate, name="nominate"),
    path("motions/<int:pk>/results/", views.results, name="results"),
    path("nominations/", views.nominations, name="nominations"),
    path("nominations/<int:pk>/answer/", views.nomination_answer, name="nomination_answer"),
    path("receipts/", views.receipts, name="receipts"),
    path("proxies/", views.proxies, name="proxies"),
    path("proxies/<int:pk>/revoke/", views.proxy_revoke, name="proxy_revoke"),
]
