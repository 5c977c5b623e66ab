"""The News tab."""
