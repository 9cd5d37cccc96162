"""Every API write refuses a field it does not take, with 400 naming the field, and writes nothing.

The routes are read from the API's URL configuration, so a new write route is covered the day
it is added.
"""

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from config import api_router
from tests.audit import world as audit_world

WRITES = ("post", "put", "patch")


def _patterns(patterns, prefix="/api/"):
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + route.lstrip("^").rstrip("$"))
        elif isinstance(pattern, URLPattern) and "format" not in route:
            yield prefix + route.lstrip("^").rstrip("$"), pattern.callback


def write_routes():
    """(address template, view class, HTTP method, action) for every route that takes a write."""
    for template, callback in _patterns(api_router.urlpatterns):
        view_class = getattr(callback, "cls", None)
        actions = getattr(callback, "actions", None)
        methods = actions or {m: m for m in WRITES if hasattr(view_class, m)}
        for method, action in methods.items():
            if method in WRITES and method in view_class.http_method_names:
                yield template, view_class, method, action


def _lookup(view_class, user, template) -> str | None:
    """The lookup value of the first row `user` sees through the route's view, or None."""
    view = view_class()
    view.request = Request(APIRequestFactory().get("/"))
    view.request.user = user
    view.kwargs, view.format_kwarg, view.action = {}, None, "retrieve"
    row = view.get_queryset().order_by("pk").first()
    if row is None:
        return None
    return str(getattr(row, getattr(view_class, "lookup_field", "pk")))


def _address(template: str, value: str) -> str:
    address = template
    for name in ("(?P<pk>[^/.]+)", "(?P<slug>[^/.]+)"):
        address = address.replace(name, value)
    return address


def _fingerprint() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_every_write_route_refuses_an_unknown_field_and_writes_nothing():
    # given the demo cooperative grown with a row of every kind, and its officers and members
    world = audit_world.seed()
    audit_world.grow(world, 2)
    actors = [world.board, world.operations, world.secretary, world.treasurer, world.member]
    routes = list(write_routes())
    assert len(routes) > 30, "the walk found the API's write routes"
    refused, closed, unreached, failures = 0, 0, [], []
    for template, view_class, method, action in routes:
        statuses = set()
        for actor in actors:
            address = template
            if "(?P<" in template:
                value = _lookup(view_class, actor, template)
                if value is None:
                    continue
                address = _address(template, value)
            client = APIClient()
            client.force_authenticate(actor)
            before = _fingerprint()
            # when an actor who may reach the route sends a field it does not take
            response = getattr(client, method)(address, {"colour": "red"}, format="json")
            statuses.add(response.status_code)
            if response.status_code in (403, 404):
                continue
            # then it is refused naming the field, and nothing is written
            if response.status_code != 400 or "colour" not in response.json():
                failures.append(
                    f"{method.upper()} {address} ({action}): {response.status_code} {response.content[:200]}"
                )
            elif _fingerprint() != before:
                failures.append(f"{method.upper()} {address} ({action}): refused but wrote")
            else:
                assert response.json()["colour"] == ["Unknown field."]
                refused += 1
            break
        else:
            # A route every actor is forbidden takes no write at all; one no actor could find a
            # row for was not exercised, which the test must not pass over in silence.
            if statuses == {403}:
                closed += 1
            else:
                unreached.append(f"{method.upper()} {template} ({action}): {sorted(statuses)}")
    assert not failures, "\n".join(failures)
    assert not unreached, "no actor reached:\n" + "\n".join(unreached)
    assert refused + closed == len(routes) and refused > 50
