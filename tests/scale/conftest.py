"""The governance fixtures (bodies, a Board officer, five owners) serve the fault tests too."""

from tests.governance.conftest import board, bodies, owners  # noqa: F401
