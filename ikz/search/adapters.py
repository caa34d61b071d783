"""Adapters for the apps whose content is searchable."""
