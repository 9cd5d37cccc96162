"""The core app: the cooperative itself. It imports no other app of the project."""
