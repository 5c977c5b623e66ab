"""The domain: use cases as functions over a Session, returning frozen dataclasses. No Qt.

Every function takes the Session first and never commits, closes or creates sessions: the caller
(the UI's operation runner or the CLI) owns the transaction, one per user action.
"""
