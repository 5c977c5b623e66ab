"""The header names a column of each field goes by, strongest first, in the exports we meet and
in the region's languages. mapping.py compares them by word_key (case, accents, punctuation
ignored), so "E-mail", "email" and "E‑Mail:" are one name.

Checked against the exporters' sources (names only, no code copied):
- Indico, indico/modules/events/registration/util.py, generate_spreadsheet_from_registrations:
  "ID", "Name" (first + last), then each form field by its title, then "Registration date",
  "Registration state", "Price", "Checked in", "Check-in date", "Payment date". The personal
  data fields' titles (models/items.py, PersonalDataType) are "Email Address", "First Name",
  "Last Name", "Affiliation", "Title", "Address", "Phone Number", "Country", "Position".
  States (models/registrations.py): Completed, Pending, Rejected, Withdrawn, Awaiting payment.
- pretix, src/pretix/base/exporters/orderlist.py, sheet "Order positions": "Event slug",
  "Order code", "Position ID", "Status", "Email" (the order's), "Phone number", "Order date",
  "Order time", "Product", "Variation", "Price", ..., "Attendee name", then "Attendee name: "
  + each part of the name scheme ("Title", "Given name", "Family name"...), "Attendee email",
  "Company", "Address", "ZIP code", "City", "Country", ..., "Order comment", and later the
  invoice address's "Company", "Invoice address name", "Country" (so "Company" and "Country"
  occur twice: the first, the attendee's, wins). The order states are "paid", "pending",
  "expired", "canceled" (API codes p, n, e, c).
"""

from __future__ import annotations

from budapest_desk.core.importing.fields import Field

F = Field

SYNONYMS: dict[Field, tuple[str, ...]] = {
    F.EMAIL: (
        "Attendee email", "Attendee e-mail", "Email address", "E-mail address", "Email", "E-mail",
        "Mail", "Participant email", "Courriel", "Adresse électronique", "Adresse e-mail",
        "Adresse courriel", "E-Mail-Adresse", "Correo electrónico", "Correo", "Электронная почта",
        "Эл. почта", "Адрес электронной почты", "Почта", "E-mail cím", "Email cím",
        "Adres e-mail", "Adresa e-mail", "Elektronička pošta",
    ),
    F.FIRST_NAME: (
        "Attendee name: Given name", "Attendee name: First name", "First name", "Firstname",
        "Given name", "Given names", "Forename", "First", "Prénom", "Vorname", "Nombre", "Имя",
        "Keresztnév", "Utónév", "Imię", "Jméno", "Křestní jméno", "Ime", "Prenume", "Emër",
        "Given name(s)",
    ),
    F.LAST_NAME: (
        "Attendee name: Family name", "Attendee name: Last name", "Attendee name: Surname",
        "Last name", "Lastname", "Surname", "Family name", "Last", "Nom de famille", "Nom",
        "Nachname", "Familienname", "Apellidos", "Apellido", "Фамилия", "Vezetéknév",
        "Családnév", "Nazwisko", "Příjmení", "Prezime", "Nume", "Mbiemër", "Soyad", "Soyadı",
    ),
    F.FULL_NAME: (
        "Full name", "Attendee name", "Participant name", "Name", "Participant", "Names",
        "Name and surname", "First and last name", "Nom complet", "Nom et prénom",
        "Nombre completo", "Nombre y apellidos", "Vollständiger Name", "ФИО",
        "Имя и фамилия", "Фамилия и имя", "Név", "Teljes név", "Imię i nazwisko",
        "Jméno a příjmení", "Ime i prezime", "Ad soyad",
    ),
    F.TITLE: (
        "Attendee name: Title", "Title", "Honorific", "Prefix", "Salutation", "Titel", "Anrede",
        "Titre", "Civilité", "Título", "Tratamiento", "Обращение", "Титул", "Titulus",
        "Megszólítás", "Tytuł",
    ),
    F.COUNTRY: (
        "Country", "Country of residence", "Country/Region", "Nationality", "Citizenship",
        "Pays", "Land", "País", "Страна", "Ország", "Kraj", "Země", "Država", "Țara", "Ülke",
        "Nationalité", "Staatsangehörigkeit", "Nacionalidad", "Гражданство", "Állampolgárság",
    ),
    F.ORGANISATION: (
        "Organisation", "Organization", "Affiliation", "Institution", "Ministry", "Agency",
        "Authority", "Company", "Employer", "Organisation/Institution",
        "Organization/Institution", "Institution/Organisation", "Institution/Organization",
        "Organisme", "Ministère", "Société", "Organización", "Institución", "Ministerio",
        "Empresa", "Behörde", "Ministerium", "Firma", "Unternehmen", "Организация",
        "Учреждение", "Министерство", "Ведомство", "Szervezet", "Intézmény", "Munkahely",
        "Minisztérium", "Instytucja", "Organizacja", "Organizace", "Kurum",
    ),
    F.POSITION: (
        "Position", "Job title", "Function", "Designation", "Rank", "Post", "Fonction",
        "Poste", "Cargo", "Puesto", "Funktion", "Dienststellung", "Должность", "Beosztás",
        "Pozíció", "Stanowisko", "Funkce", "Funkcija", "Pozisyon", "Görev",
    ),
    F.PHONE: (
        "Phone", "Phone number", "Telephone", "Telephone number", "Mobile", "Mobile phone",
        "Mobile number", "Cell phone", "Tel", "Téléphone", "Portable", "Teléfono", "Móvil",
        "Telefon", "Telefonnummer", "Handy", "Телефон", "Мобильный телефон", "Telefonszám",
        "Mobil", "Mobiltelefon", "Telefon komórkowy", "Telefonní číslo",
    ),
    F.BADGE_NAME: ("Name on badge", "Badge name", "Name for badge", "Name as on badge"),
    F.NAME_LATIN: (
        "Name in Latin letters", "Name in Latin script", "Latin name", "Transliteration",
        "Name (Latin)", "Name in Latin",
    ),
    F.LANGUAGES: (
        "Languages", "Language", "Working languages", "Sprachen", "Langues", "Idiomas",
        "Языки", "Nyelvek", "Nyelvtudás",
    ),
    F.NOTES: (
        "Notes", "Note", "Comments", "Comment", "Remarks", "Order comment", "Internal notes",
        "Bemerkungen", "Anmerkungen", "Notizen", "Remarques", "Commentaires", "Observaciones",
        "Notas", "Примечания", "Комментарии", "Megjegyzés", "Megjegyzések", "Uwagi",
    ),
    F.CATEGORY: (
        "Category", "Participant category", "Participant type", "Registration type",
        "Participation type", "Type of participant", "Role", "Type", "Ticket type", "Product",
        "Catégorie", "Kategorie", "Categoría", "Категория", "Kategória", "Kategoria",
    ),
    F.DELEGATION: (
        "Delegation", "Delegation of", "Representing", "Country represented", "Délégation",
        "Delegación", "Делегация", "Delegáció", "Delegacja", "Delegace",
    ),
    F.STATUS: (
        "Status", "Registration state", "Registration status", "Order status",
        "Participation status", "Statut", "Estado", "Статус", "Státusz", "Állapot",
    ),
    F.ATTENTION_NOTE: (
        "Needs attention", "Requires special attention", "Special requirements",
        "Special needs", "Accessibility needs", "Dietary requirements", "Attention",
    ),
    F.LIST_CONSENT: (
        "On participant list", "Participant list consent", "Consent to participant list",
        "Publish on participant list", "Include in participant list", "List consent",
    ),
    F.CHECKED_IN: ("Checked in", "Checked-in", "Check-ins", "Check-in", "Attended", "Present"),
    F.CHECKED_IN_AT: (
        "Checked in at", "Check-in date", "Check-in time", "Checkin date", "Checked in on",
    ),
    F.CODE: ("Check-in code", "Checkin code"),
}  # fmt: skip
