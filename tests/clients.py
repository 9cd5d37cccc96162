"""Test clients for the people of the tests."""

from django.test import Client


def logged_in(user) -> Client:
    """Return a test client logged in as `user`, past the login page and its second factor."""
    client = Client()
    client.force_login(user)
    return client
