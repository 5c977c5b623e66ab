"""The Check-in tab: an event's roster, searched and checked in at the desk."""
