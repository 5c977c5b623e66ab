"""The Subscribers tab."""
