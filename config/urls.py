"""Every URL of the site: the core's pages, each app's, the portal home, the API and the admin."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from coop import views as coop_views
from coop import views_notices

from . import views

portal_patterns = (
    [
        path("", views.portal_home, name="home"),
        path("cooperative/", coop_views.portal_cooperative, name="cooperative"),
        path("api-token/", coop_views.portal_api_token, name="api_token"),
        path("my-data/", views.my_data, name="my_data"),
        path("language/", coop_views.portal_language, name="language"),
        path("notices/", views_notices.inbox, name="notices"),
        path("notices/read-all/", views_notices.notices_read_all, name="notices_read_all"),
        path("notices/preferences/", views_notices.preferences, name="notice_preferences"),
        path("notices/<int:pk>/open/", views_notices.notice_open, name="notice_open"),
        path("calendar/", coop_views.portal_calendar, name="calendar"),
        path("calendar/reset/", coop_views.portal_calendar_reset, name="calendar_reset"),
        path("api-token/reset/", coop_views.portal_api_token_reset, name="api_token_reset"),
        path("documents/", coop_views.document_list, name="document_list"),
        path("documents/<slug:slug>/", coop_views.document_detail, name="document_detail"),
        path("documents/<slug:slug>/versions/", coop_views.document_history, name="document_history"),
        path("documents/<slug:slug>/versions/<int:number>/", coop_views.document_detail, name="document_version"),
        path("documents/<slug:slug>/diff/", coop_views.document_diff, name="document_diff"),
        path("documents/<slug:slug>/print/", coop_views.document_print, name="document_print"),
    ],
    "portal",
)

urlpatterns = [
    path("", coop_views.front_page, name="front_page"),
    path("health/", views.health, name="health"),
    path("calendar/<str:token>.ics", coop_views.calendar_feed, name="calendar_feed"),
    path("health/live/", views.health_live, name="health_live"),
    path("notices/unsubscribe/<str:token>/", views_notices.unsubscribe, name="notices_unsubscribe"),
    path("", include("founding.urls")),
    path("federation/", include("federation.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("portal/membership/", include("membership.urls")),
    path("portal/labor/", include("labor_contracts.urls")),
    path("portal/finance/", include("finance.urls")),
    path("portal/", include(portal_patterns)),
    path("portal/projects/", include("projects.urls")),
    path("portal/governance/", include("governance.urls")),
    path("portal/alliance/", include("alliance.urls")),
    path("api/", include("config.api_router")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
]
