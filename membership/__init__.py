"""Membership: see the app's issue for what it holds."""
