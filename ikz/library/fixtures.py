"""pytest fixtures of the library (registered via pytest_plugins in the root conftest)."""
