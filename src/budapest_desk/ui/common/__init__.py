"""Widgets, models and helpers shared by the tabs."""
