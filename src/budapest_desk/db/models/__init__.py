"""Every table of the domain (DESIGN.md, "Domain model")."""

from budapest_desk.db.models.checkin import CheckinEntry
from budapest_desk.db.models.events import Category, Event
from budapest_desk.db.models.library import Document, DocumentVersion
from budapest_desk.db.models.news import NewsItem, NewsRevision, news_item_events
from budapest_desk.db.models.newsletter import NewsletterIssue, NewsletterItem, NewsletterSend
from budapest_desk.db.models.people import DistinctPeople, Person, PersonWord, Registration
from budapest_desk.db.models.subscribers import Subscriber

__all__ = [
    "Category",
    "CheckinEntry",
    "DistinctPeople",
    "Document",
    "DocumentVersion",
    "Event",
    "NewsItem",
    "NewsRevision",
    "NewsletterIssue",
    "NewsletterItem",
    "NewsletterSend",
    "Person",
    "PersonWord",
    "Registration",
    "Subscriber",
    "news_item_events",
]
