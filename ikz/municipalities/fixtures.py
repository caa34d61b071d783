"""pytest fixtures for the register of Körperschaften (used by every app's tests)."""
