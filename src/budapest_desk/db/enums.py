"""The closed vocabularies of the domain. Values are what the database stores: never rename one
without a migration."""

from __future__ import annotations

import enum


class EventKind(enum.StrEnum):
    MINISTERIAL_CONFERENCE = "ministerial_conference"
    SENIOR_OFFICIALS_MEETING = "senior_officials_meeting"
    WORKING_GROUP = "working_group"
    EXPERT_MEETING = "expert_meeting"
    TRAINING = "training"
    VIRTUAL_MEETING = "virtual_meeting"


class EventStatus(enum.StrEnum):
    PLANNED = "planned"
    REGISTRATION_OPEN = "registration_open"
    REGISTRATION_CLOSED = "registration_closed"
    HELD = "held"
    ARCHIVED = "archived"


class RegistrationStatus(enum.StrEnum):
    INVITED = "invited"
    PENDING = "pending"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class RegistrationSource(enum.StrEnum):
    IMPORTED = "imported"
    TYPED = "typed"
    WALK_IN = "walk_in"


class CheckinKind(enum.StrEnum):
    IN = "in"
    OUT = "out"
    UNDO = "undo"


class NewsStatus(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class NewsletterStatus(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"


class SendStatus(enum.StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    BOUNCED = "bounced"


class SubscriberStatus(enum.StrEnum):
    UNCONFIRMED = "unconfirmed"
    SUBSCRIBED = "subscribed"
    UNSUBSCRIBED = "unsubscribed"
    BOUNCED = "bounced"
    BLOCKLISTED = "blocklisted"


class DocumentKind(enum.StrEnum):
    AGENDA = "agenda"
    CONCEPT_NOTE = "concept_note"
    PRESENTATION = "presentation"
    REPORT = "report"
    MINUTES = "minutes"
    PHOTO = "photo"
    OTHER = "other"


class AccessLevel(enum.StrEnum):
    PUBLIC = "public"
    MEMBERS = "members"
    INTERNAL = "internal"
