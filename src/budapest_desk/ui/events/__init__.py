"""The Events tab."""
