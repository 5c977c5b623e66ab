"""The people directory: possible duplicates, merged or kept apart by a human."""
