"""A stock Django admin over the same tables, the baseline the platform's admin pages are held to.

Mounted beside the site's own URLs only while the pages benchmark runs (`ROOT_URLCONF` is
overridden): plain `ModelAdmin`s listing each table's own columns, with Django's own paginator
and counts, no filters, no actions of ours, no computed columns.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from membership.models import Member, ShareTransaction


class StockAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return request.user.is_active  # the bench's logins are officers, whatever their staff flag


site = StockAdminSite(name="stock_admin")
site.register(Member, list_display=["legal_name", "status", "applied_on", "owner_since", "share_balance"])
site.register(ShareTransaction, list_display=["occurred_at", "kind", "quantity", "balance_after", "note"])

urlpatterns = [path("stock-admin/", site.urls), *site_urlpatterns]
