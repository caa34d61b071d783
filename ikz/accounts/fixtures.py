"""pytest fixtures for accounts, members and editors (used by every app's tests)."""
