"""The demo data: the dialogue's news of spring 2020 with their three events, an upcoming Senior
Officials' Meeting with its participants, newsletter subscribers and library documents.

The news follow the dialogue's own news page; every person is invented. Email addresses use
reserved example domains only. Names are written in their own scripts, with a Latin
transliteration as the person would write it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from budapest_desk.core.events import EventInput
from budapest_desk.core.library import DocumentInput
from budapest_desk.core.news import NewsInput
from budapest_desk.db.enums import (
    AccessLevel,
    DocumentKind,
    EventKind,
    EventStatus,
    NewsStatus,
    RegistrationStatus,
    SubscriberStatus,
)

# ---- events ------------------------------------------------------------------------------

FIA_TRAINING = "fia_training"
COVID_MEETING = "covid_meeting"
RETURN_MEETING = "return_meeting"
SOM_2027 = "som_2027"

SECRETARIAT = "Budapest Process Secretariat (ICMPD)"

EVENTS: dict[str, EventInput] = {
    RETURN_MEETING: EventInput(
        title="Expert meeting on return and reintegration",
        kind=EventKind.EXPERT_MEETING,
        status=EventStatus.HELD,
        start_date=dt.date(2020, 3, 3),
        end_date=dt.date(2020, 3, 4),
        city="Budapest",
        country="HU",
        capacity=60,
        time_zone="Europe/Budapest",
        hosts="Hungary (co-chair)",
        description=(
            "Expert meeting under Priority Goal 1 of the Call for Action. Panel: Bangladesh, "
            "the Netherlands, Pakistan, ERRIN, FRONTEX and the Bali Process."
        ),
    ),
    COVID_MEETING: EventInput(
        title="Virtual meeting on the impact of Covid-19 on labour migration",
        kind=EventKind.VIRTUAL_MEETING,
        status=EventStatus.HELD,
        start_date=dt.date(2020, 5, 14),
        online=True,
        time_zone="Europe/Vienna",
        hosts=SECRETARIAT,
        description=(
            "The dialogue's first virtual meeting: 14 countries, the European Commission, "
            "ICMPD and the ILO."
        ),
    ),
    FIA_TRAINING: EventInput(
        title="Digital training for officers of the Federal Investigation Agency (FIA)",
        kind=EventKind.TRAINING,
        status=EventStatus.HELD,
        start_date=dt.date(2020, 6, 3),
        city="Islamabad",
        country="PK",
        online=True,
        time_zone="Asia/Karachi",
        hosts=f"Federal Investigation Agency of Pakistan; {SECRETARIAT}",
        description=(
            "Online training programme on trafficking in human beings, irregular migration "
            "and border management."
        ),
    ),
    SOM_2027: EventInput(
        title="Senior Officials' Meeting of the Budapest Process 2027",
        kind=EventKind.SENIOR_OFFICIALS_MEETING,
        status=EventStatus.REGISTRATION_OPEN,
        start_date=dt.date(2027, 5, 19),
        end_date=dt.date(2027, 5, 20),
        venue="Istanbul Congress Center",
        city="Istanbul",
        country="TR",
        capacity=80,
        time_zone="Europe/Istanbul",
        hosts="Türkiye and Hungary (co-chairs)",
        description=(
            "The senior officials review progress on the priority goals of the Call for "
            "Action, agree the work plan for 2027–2028 and prepare the next Ministerial "
            "Conference.\n\n"
            "Two places per participating state. Heads of delegation are asked to confirm "
            "their delegation by 16 April 2027. Working languages: English, with "
            "interpretation into Russian and Turkish."
        ),
    ),
}

# ---- news --------------------------------------------------------------------------------

NEWS: tuple[tuple[str, NewsInput], ...] = (
    (
        FIA_TRAINING,
        NewsInput(
            title="Digital training programme for officers of Pakistan's Federal "
            "Investigation Agency",
            dateline_place="Islamabad",
            dateline_date=dt.date(2020, 6, 3),
            status=NewsStatus.PUBLISHED,
            tags=("training", "Pakistan", "trafficking in human beings", "border management"),
            summary=(
                "The Budapest Process has started a digital training programme for officers "
                "of Pakistan's Federal Investigation Agency (FIA) on trafficking in human "
                "beings, irregular migration and border management."
            ),
            body="""\
The Budapest Process, together with the Federal Investigation Agency (FIA) of Pakistan, has \
started a digital training programme for FIA officers. The programme covers trafficking in \
human beings, the smuggling of migrants and other forms of irregular migration, and border \
management.

Travel restrictions related to Covid-19 made the planned classroom sessions impossible. The \
curriculum was therefore adapted to an online format that officers at headquarters and in \
the field can follow without travelling, complemented by live sessions with the trainers.

The modules build on international standards and on the practice of participating states. \
They address the identification and referral of victims of trafficking, investigations into \
smuggling networks, document security, and cooperation between agencies at the border.

The training supports the implementation of the Call for Action adopted at the Ministerial \
Conference in Istanbul in 2019. Further sessions are planned for the second half of the year.""",
        ),
    ),
    (
        COVID_MEETING,
        NewsInput(
            title="First virtual meeting: the impact of Covid-19 on labour migration",
            dateline_date=dt.date(2020, 5, 14),
            status=NewsStatus.PUBLISHED,
            tags=("Covid-19", "labour migration", "virtual meeting"),
            summary=(
                "Fourteen countries, the European Commission, ICMPD and the ILO met online "
                "to discuss how the Covid-19 pandemic affects labour migration."
            ),
            body="""\
On 14 May 2020 the Budapest Process held its first virtual meeting. Representatives of 14 \
countries, the European Commission, the International Centre for Migration Policy \
Development (ICMPD) and the International Labour Organization (ILO) discussed the impact of \
the Covid-19 pandemic on labour migration.

Participants described the situation of migrant workers who lost their employment abroad, \
the suspension of recruitment and deployment, the fall in remittances on which many families \
in countries of origin depend, and the measures their governments have taken to assist \
migrant workers and to organise their return.

The ILO presented its assessment of the effects of the pandemic on labour markets and its \
guidance on the protection of migrant workers. Participants agreed that reliable data and \
close cooperation between countries of origin, transit and destination will be needed to \
restore safe and regular labour migration as economies recover.

The meeting was the first of a series of online exchanges that the dialogue will hold while \
meetings in person are not possible.""",
        ),
    ),
    (
        RETURN_MEETING,
        NewsInput(
            title="Expert meeting on return and reintegration in Budapest",
            dateline_place="Budapest",
            dateline_date=dt.date(2020, 3, 3),
            status=NewsStatus.PUBLISHED,
            tags=("return", "reintegration", "expert meeting", "Call for Action"),
            summary=(
                "Experts of the participating states and international organisations met in "
                "Budapest on 3–4 March 2020 to discuss return and reintegration under "
                "Priority Goal 1 of the Call for Action."
            ),
            body="""\
The Budapest Process held an expert meeting on return and reintegration in Budapest on 3 and \
4 March 2020, under Priority Goal 1 of the Call for Action. The meeting was co-chaired by \
Hungary.

A panel with speakers from Bangladesh, the Netherlands, Pakistan, the European Return and \
Reintegration Network (ERRIN), the European Border and Coast Guard Agency (FRONTEX) and the \
Bali Process opened the discussion. The panellists presented their approaches to voluntary \
return, cooperation on readmission and the sustainable reintegration of returnees.

Participants stressed that return and reintegration work best when countries of origin and \
destination plan them together, when returnees receive counselling before departure, and \
when reintegration support is linked to local development and employment programmes. The \
exchange with the Bali Process allowed a comparison between the two regional dialogues.

The conclusions of the meeting will inform the dialogue's work plan and the preparation of \
the next Senior Officials' Meeting.""",
        ),
    ),
)

# ---- participants of the upcoming meeting --------------------------------------------------

HOD = "Head of delegation"
DELEGATE = "Delegate"
OBSERVER = "Observer"
SPEAKER = "Speaker"
PRESS = "Press"
STAFF = "Staff"
INTERPRETER = "Interpreter"

CONFIRMED = RegistrationStatus.CONFIRMED
PENDING = RegistrationStatus.PENDING
INVITED = RegistrationStatus.INVITED
WAITLISTED = RegistrationStatus.WAITLISTED
DECLINED = RegistrationStatus.DECLINED


@dataclass(frozen=True)
class Org:
    """An organisation: a national authority (delegation = its country) or an international
    organisation (delegation = `io`); neither for the press and interpreters."""

    name: str
    domain: str
    country: str | None = None
    io: str = ""


ORGS: dict[str, Org] = {
    "hu-moi": Org("Ministry of Interior", "bm.example.hu", "HU"),
    "hu-aliens": Org("National Directorate-General for Aliens Policing", "oif.example.hu", "HU"),
    "pl-moi": Org("Ministry of the Interior and Administration", "mswia.example.pl", "PL"),
    "pl-bg": Org("Border Guard Headquarters", "strazgraniczna.example.pl", "PL"),
    "cz-moi": Org("Ministry of the Interior", "mvcr.example.cz", "CZ"),
    "ro-igi": Org("General Inspectorate for Immigration", "igi.example.ro", "RO"),
    "ro-bp": Org("Romanian Border Police", "politiadefrontiera.example.ro", "RO"),
    "tr-pmm": Org("Presidency of Migration Management", "goc.example.tr", "TR"),
    "az-sms": Org("State Migration Service", "migration.example.az", "AZ"),
    "uz-alm": Org("Agency for External Labour Migration", "migration.example.uz", "UZ"),
    "uz-mfa": Org("Ministry of Foreign Affairs", "mfa.example.uz", "UZ"),
    "rs-kirs": Org("Commissariat for Refugees and Migration", "kirs.example.rs", "RS"),
    "rs-moi": Org("Ministry of Interior, Border Police Directorate", "mup.example.rs", "RS"),
    "mk-moi": Org("Ministry of Interior", "mvr.example.mk", "MK"),
    "ba-mos": Org("Ministry of Security", "msb.example.ba", "BA"),
    "al-sp": Org("State Police, Border and Migration Department", "asp.example.al", "AL"),
    "xk-moi": Org("Ministry of Internal Affairs", "mia-kosovo.example.org", "XK"),
    "me-moi": Org("Ministry of Interior", "mup.example.me", "ME"),
    "kg-mol": Org("Ministry of Labour, Social Security and Migration", "mlsp.example.kg", "KG"),
    "kz-mol": Org("Ministry of Labour and Social Protection", "enbek.example.kz", "KZ"),
    "kz-bs": Org("Border Service of the National Security Committee", "shekara.example.kz", "KZ"),
    "tj-ms": Org("Migration Service", "migration.example.tj", "TJ"),
    "tm-sms": Org("State Migration Service", "migration.example.tm", "TM"),
    "gr-mma": Org("Ministry of Migration and Asylum", "migration.example.gr", "GR"),
    "ge-mia": Org("Ministry of Internal Affairs", "police.example.ge", "GE"),
    "ge-psda": Org("Public Service Development Agency", "sda.example.ge", "GE"),
    "am-mcs": Org("Migration and Citizenship Service", "migration.example.am", "AM"),
    "md-bma": Org("Bureau for Migration and Asylum", "bma.example.md", "MD"),
    "ua-sms": Org("State Migration Service", "dmsu.example.ua", "UA"),
    "ua-bgs": Org("State Border Guard Service", "dpsu.example.ua", "UA"),
    "ir-moi": Org("Ministry of Interior, Bureau for Aliens and Immigrants", "moi.example.ir", "IR"),
    "ir-mfa": Org("Ministry of Foreign Affairs", "mfa.example.ir", "IR"),
    "iq-momd": Org("Ministry of Migration and Displaced", "momd.example.iq", "IQ"),
    "iq-krg": Org("Kurdistan Regional Government, Ministry of Interior", "krg.example.iq", "IQ"),
    "pk-mop": Org("Ministry of Overseas Pakistanis and HRD", "ophrd.example.pk", "PK"),
    "pk-fia": Org("Federal Investigation Agency", "fia.example.pk", "PK"),
    "bd-mew": Org(
        "Ministry of Expatriates' Welfare and Overseas Employment", "mew.example.bd", "BD"
    ),
    "bd-bmet": Org("Bureau of Manpower, Employment and Training", "bmet.example.bd", "BD"),
    "bg-sar": Org("State Agency for Refugees", "aref.example.bg", "BG"),
    "de-bmi": Org("Federal Ministry of the Interior", "bmi.example.de", "DE"),
    "nl-dtv": Org("Repatriation and Departure Service", "dtv.example.nl", "NL"),
    "sk-moi": Org("Ministry of Interior, Migration Office", "minv.example.sk", "SK"),
    "hr-moi": Org("Ministry of the Interior", "mup.example.hr", "HR"),
    "icmpd": Org("ICMPD, Budapest Process Secretariat", "icmpd.example.org", io="ICMPD"),
    "iom": Org("International Organization for Migration", "iom.example.org", io="IOM"),
    "unhcr": Org("UNHCR, the UN Refugee Agency", "unhcr.example.org", io="UNHCR"),
    "frontex": Org("Frontex", "frontex.example.eu", io="Frontex"),
    "ec": Org("European Commission, DG HOME", "ec.example.eu", io="European Commission"),
    "errin": Org("European Return and Reintegration Network", "errin.example.eu", io="ERRIN"),
    "ilo": Org("International Labour Organization", "ilo.example.org", io="ILO"),
    "bali": Org("Bali Process Regional Support Office", "rso.example.org", io="Bali Process"),
    "press": Org("Migration Policy Review", "mpr.example.org"),
    "interpreting": Org("Conference interpreting team", "interpreting.example.org"),
}


@dataclass(frozen=True)
class Participant:
    first_name: str
    last_name: str
    mailbox: str  # the part of the email before @; the domain is the organisation's
    org: str  # a key of ORGS
    position: str
    category: str
    name_latin: str = ""
    status: RegistrationStatus = CONFIRMED
    title: str = ""
    country: str | None = None  # where it is not the organisation's
    attention: str = ""  # a need to attend to before the meeting
    list_consent: bool = True


P = Participant

# Family name last; on the badge a Hungarian may still prefer "Kovács Gyöngyvér".
# fmt: off
PARTICIPANTS: tuple[Participant, ...] = (
    P("Gyöngyvér", "Kovács", "gyongyver.kovacs", "hu-moi",
      "Head of Department for Migration Policy", HOD),
    P("Ildikó", "Szőllősi", "ildiko.szollosi", "hu-aliens",
      "Head of Unit, International Cooperation", DELEGATE),
    P("Michał", "Żurawski", "michal.zurawski", "pl-moi",
      "Deputy Director, Department of Migration Analyses and Policy", HOD),
    P("Bożena", "Wiśniewska", "bozena.wisniewska", "pl-bg",
      "Senior Specialist, Foreigners Board", DELEGATE),
    P("Jiří", "Dvořák", "jiri.dvorak", "cz-moi",
      "Deputy Director, Department for Asylum and Migration Policy", HOD),
    P("Věra", "Řeháková", "vera.rehakova", "cz-moi", "Migration Policy Officer", DELEGATE,
      status=PENDING),
    P("Ștefan", "Mureșan", "stefan.muresan", "ro-igi",
      "Director, International Affairs", HOD),
    P("Ioana", "Țurcanu", "ioana.turcanu", "ro-bp", "Chief Inspector", DELEGATE),
    P("Ayşe", "Yıldırım", "ayse.yildirim", "tr-pmm", "Deputy Director General", HOD,
      title="Dr"),
    P("İbrahim", "Doğan", "ibrahim.dogan", "tr-pmm",
      "Head of Department, Foreign Relations", DELEGATE),
    P("Gülşen", "Öztürk", "gulsen.ozturk", "tr-pmm", "Protocol Officer", STAFF),
    P("Elnur", "Məmmədov", "elnur.mammadov", "az-sms",
      "Head of International Cooperation Department", HOD),
    P("Sardor", "Gʻofurov", "s.gofurov", "uz-alm", "Deputy Director", HOD),
    P("Dilnoza", "Toʻxtayeva", "d.tokhtayeva", "uz-mfa",
      "Counsellor, Consular and Legal Department", DELEGATE),
    P("Милош", "Јовановић", "milos.jovanovic", "rs-kirs", "Assistant Commissioner", HOD,
      name_latin="Miloš Jovanović"),
    P("Јелена", "Стојковић", "jelena.stojkovic", "rs-moi", "Chief Police Inspector", DELEGATE,
      name_latin="Jelena Stojković"),
    P("Ѓорѓи", "Трајковски", "gjorgji.trajkovski", "mk-moi",
      "Head of Unit for Migration, Asylum and Visas", HOD, name_latin="Gjorgji Trajkovski"),
    P("Amra", "Hadžić", "amra.hadzic", "ba-mos", "Head of Sector for Migration", HOD),
    P("Ermal", "Çela", "ermal.cela", "al-sp", "Director for Border and Migration", HOD),
    P("Arbër", "Krasniqi", "arber.krasniqi", "xk-moi",
      "Head of Department for Citizenship, Asylum and Migration", HOD, status=PENDING),
    P("Vesna", "Đurović", "vesna.djurovic", "me-moi",
      "Senior Adviser, Directorate for Migration", HOD, status=INVITED),
    P("Айгүл", "Жээнбекова", "aigul.zheenbekova", "kg-mol",
      "Head of Migration Policy Department", HOD, name_latin="Aigul Zheenbekova"),
    P("Әсел", "Нұрланқызы", "assel.nurlankyzy", "kz-mol", "Director, Migration Department", HOD,
      name_latin="Assel Nurlankyzy"),
    P("Дмитрий", "Соколов", "dmitriy.sokolov", "kz-bs", "Senior Officer", DELEGATE,
      name_latin="Dmitriy Sokolov", status=WAITLISTED),
    P("Фарҳод", "Раҳимов", "farhod.rahimov", "tj-ms", "First Deputy Head", HOD,
      name_latin="Farhod Rahimov",
      attention="Visa letter requested (Turkish consulate in Dushanbe)"),
    P("Зарина", "Қодирова", "zarina.qodirova", "tj-ms", "Head of Division, Labour Migration",
      DELEGATE, name_latin="Zarina Qodirova"),
    P("Maýsa", "Gurbanowa", "maysa.gurbanowa", "tm-sms", "Head of Department", HOD,
      status=INVITED),
    P("Αικατερίνη", "Παπαδοπούλου", "a.papadopoulou", "gr-mma",
      "Director for International Relations", HOD, name_latin="Aikaterini Papadopoulou"),
    P("ნინო", "ბერიძე", "nino.beridze", "ge-mia", "Head of Migration Department", HOD,
      name_latin="Nino Beridze"),
    P("გიორგი", "კაპანაძე", "giorgi.kapanadze", "ge-psda",
      "Chief Specialist, Migration Analysis", DELEGATE, name_latin="Giorgi Kapanadze"),
    P("Անահիտ", "Սարգսյան", "anahit.sargsyan", "am-mcs", "Head of Service", HOD,
      name_latin="Anahit Sargsyan"),
    P("Արամ", "Պետրոսյան", "aram.petrosyan", "am-mcs", "Head of Division for Readmission",
      DELEGATE, name_latin="Aram Petrosyan"),
    P("Doina", "Căpățînă", "doina.capatina", "md-bma", "Deputy Head", HOD),
    P("Оксана", "Кравчук", "oksana.kravchuk", "ua-sms", "Deputy Head", HOD,
      name_latin="Oksana Kravchuk"),
    P("Ігор", "Ярошенко", "ihor.yaroshenko", "ua-bgs",
      "Colonel, International Cooperation Department", DELEGATE, name_latin="Ihor Yaroshenko"),
    P("مریم", "حسین‌زاده", "m.hosseinzadeh", "ir-moi", "Director General for International Affairs",
      HOD, name_latin="Maryam Hosseinzadeh", title="Dr"),
    P("رضا", "محمدی", "r.mohammadi", "ir-mfa", "Expert, Department for Consular Affairs",
      DELEGATE, name_latin="Reza Mohammadi"),
    P("حيدر", "الجبوري", "haider.aljubouri", "iq-momd", "Director, Department of Migration", HOD,
      name_latin="Haider Al-Jubouri", attention="Visa letter requested"),
    P("شیلان", "عەبدوڵڵا", "shilan.abdulla", "iq-krg", "Coordinator, Return and Reintegration",
      DELEGATE, name_latin="Shilan Abdulla"),
    P("ثمینہ", "قریشی", "samina.qureshi", "pk-mop", "Joint Secretary", HOD,
      name_latin="Samina Qureshi"),
    P("بے نظیر", "خٹک", "benazir.khattak", "pk-fia",
      "Deputy Director, Anti-Human Trafficking Circle", DELEGATE, name_latin="Benazir Khattak"),
    P("شاہد", "محمود", "shahid.mahmood", "pk-fia", "Assistant Director, Immigration Wing",
      DELEGATE, name_latin="Shahid Mahmood", status=WAITLISTED),
    P("ফারহানা", "রহমান", "farhana.rahman", "bd-mew", "Joint Secretary", HOD,
      name_latin="Farhana Rahman"),
    P("আরিফুল", "ইসলাম", "ariful.islam", "bd-bmet", "Director, Training Operations", DELEGATE,
      name_latin="Ariful Islam"),
    P("Цветелина", "Георгиева", "ts.georgieva", "bg-sar", "Head of International Cooperation",
      HOD, name_latin="Tsvetelina Georgieva"),
    P("Jürgen", "Weiß", "juergen.weiss", "de-bmi",
      "Head of Division, International Migration Policy", HOD,
      attention="Wheelchair user: step-free access to the plenary room and the hotel"),
    P("Maartje", "IJzerman", "maartje.ijzerman", "nl-dtv",
      "Senior Policy Adviser, International Affairs", HOD),
    P("Ľubomír", "Kráľ", "lubomir.kral", "sk-moi", "Director", HOD, status=DECLINED),
    P("Ivana", "Kovačević", "ivana.kovacevic", "hr-moi",
      "Head of Service for Foreigners and Asylum", HOD, status=PENDING),
    P("Pierre-Étienne", "Lefèvre", "pierre-etienne.lefevre", "ec",
      "Policy Officer, International Affairs", DELEGATE, country="FR"),
    P("Kristiina", "Mägi", "kristiina.magi", "frontex", "Head of Sector, Return Support",
      SPEAKER, country="EE"),
    P("Sanne", "de Vries", "sanne.devries", "errin", "Programme Manager", SPEAKER,
      country="NL"),
    P("زرمینه", "ځدراڼ", "zarmina.zadran", "iom", "Programme Officer, Return and Reintegration",
      OBSERVER, name_latin="Zarmina Zadran", country="AF", list_consent=False),
    P("فریده", "نوری", "farida.noori", "unhcr", "Protection Associate", OBSERVER,
      name_latin="Farida Noori", country="AF", list_consent=False),
    P("Giulia", "Esposito", "giulia.esposito", "ilo", "Labour Migration Specialist", OBSERVER,
      country="IT", status=PENDING),
    P("Siriporn", "Chaiyasit", "siriporn.chaiyasit", "bali", "Programme Manager", OBSERVER,
      country="TH"),
    P("Katharina", "Österreicher", "katharina.oesterreicher", "icmpd",
      "Project Manager, Budapest Process Secretariat", STAFF, country="AT"),
    P("Enikő", "Balogh", "eniko.balogh", "press", "Correspondent", PRESS, country="HU",
      list_consent=False),
    P("Ирина", "Белова", "irina.belova", "interpreting", "Conference interpreter, Russian booth",
      INTERPRETER, name_latin="Irina Belova", country="AT"),
    P("Sevgi", "Ertuğrul", "sevgi.ertugrul", "interpreting",
      "Conference interpreter, Turkish booth", INTERPRETER, country="TR"),
)
# fmt: on

# ---- newsletter subscribers ----------------------------------------------------------------

CONSENT_TEXT = (
    "I would like to receive the Budapest Process newsletter by email. I can unsubscribe at "
    "any time with the link in every issue."
)


@dataclass(frozen=True)
class Reader:
    email: str
    first_name: str
    last_name: str
    country: str
    organisation: str
    language: str
    status: SubscriberStatus
    consent_at: dt.datetime


def _at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


SUBSCRIBED = SubscriberStatus.SUBSCRIBED

# fmt: off
SUBSCRIBERS: tuple[Reader, ...] = (
    Reader("zsofia.nemeth@example.org", "Zsófia", "Németh", "HU",
           "Institute for Migration Studies", "hu", SUBSCRIBED, _at(2024, 2, 12)),
    Reader("t.kaczmarek@example.org", "Tomasz", "Kaczmarek", "PL", "Border Guard", "pl",
           SUBSCRIBED, _at(2024, 5, 3, 8)),
    Reader("elif.sahin@example.com", "Elif", "Şahin", "TR", "Presidency of Migration Management",
           "tr", SUBSCRIBED, _at(2024, 9, 18, 14)),
    Reader("nodira.yusupova@example.com", "Nodira", "Yusupova", "UZ",
           "Agency for External Labour Migration", "en", SUBSCRIBED, _at(2025, 1, 27)),
    Reader("bilal.ahmed@mail.example", "Bilal", "Ahmed", "PK", "Ministry of Overseas Pakistanis",
           "en", SubscriberStatus.UNCONFIRMED, _at(2026, 10, 2, 6)),
    Reader("tanvir.hossain@example.org", "Tanvir", "Hossain", "BD", "Migrant Workers' Forum",
           "en", SUBSCRIBED, _at(2025, 3, 9, 4)),
    Reader("ani.hovhannisyan@example.org", "Ani", "Hovhannisyan", "AM",
           "Migration and Citizenship Service", "en", SUBSCRIBED, _at(2025, 6, 30, 11)),
    Reader("marina.ivanova@mail.example", "Марина", "Иванова", "KZ", "", "ru",
           SubscriberStatus.BOUNCED, _at(2024, 11, 5, 7)),
    Reader("davide.romano@example.com", "Davide", "Romano", "IT", "University of Trieste (PhD)",
           "it", SubscriberStatus.UNSUBSCRIBED, _at(2024, 3, 21, 16)),
    Reader("lena.hofmann@example.org", "Lena", "Hofmann", "AT", "ICMPD", "de", SUBSCRIBED,
           _at(2023, 12, 1, 9)),
    Reader("ahmad.karimi@mail.example", "Ahmad", "Karimi", "AF", "", "fa",
           SubscriberStatus.UNCONFIRMED, _at(2026, 11, 14, 5)),
    Reader("a.konstantinou@example.org", "Αναστασία", "Κωνσταντίνου", "GR",
           "Ministry of Migration and Asylum", "el", SUBSCRIBED, _at(2025, 8, 19, 12)),
)
# fmt: on

# ---- library documents ---------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryItem:
    """A document, linked to one of EVENTS, and the files of its versions (name, content)."""

    event: str
    document: DocumentInput
    files: tuple[tuple[str, str], ...]  # content "" = the generated photo
    notes: tuple[str, ...] = ()


AGENDA_V1 = """\
# Senior Officials' Meeting of the Budapest Process
Istanbul, 19–20 May 2027 · Draft agenda, version 1

## Wednesday 19 May 2027
09:30  Opening: welcome by the co-chairs, Türkiye and Hungary
10:15  Session 1: Progress on the Call for Action
11:30  Coffee break
11:45  Session 2: Return, readmission and reintegration
13:00  Lunch
14:30  Session 3: Labour migration along the Silk Routes
16:15  Session 4: to be confirmed

## Thursday 20 May 2027
09:30  Session 5: Work plan 2027–2028
11:15  Conclusions of the co-chairs
12:30  Lunch and departures
"""

AGENDA_V2 = """\
# Senior Officials' Meeting of the Budapest Process
Istanbul, 19–20 May 2027 · Draft agenda, version 2

## Wednesday 19 May 2027
08:30  Registration and collection of badges
09:30  Opening session: welcome by the co-chairs, Türkiye and Hungary
10:15  Session 1: Progress on the Call for Action, 2025–2027
       Presentation by the Secretariat (ICMPD), discussion
11:30  Coffee break
11:45  Session 2: Return, readmission and sustainable reintegration
       Panel: the Netherlands, Pakistan, ERRIN, Frontex
13:00  Lunch
14:30  Session 3: Labour migration and skills along the Silk Routes
       Introduced by Bangladesh and Uzbekistan; comments by the ILO
16:00  Coffee break
16:15  Session 4: Protection of victims of trafficking in human beings
17:30  End of the first day
19:00  Dinner offered by the host country

## Thursday 20 May 2027
09:30  Session 5: Work plan 2027–2028 and the next Ministerial Conference
11:00  Coffee break
11:15  Adoption of the conclusions of the co-chairs
12:00  Closing remarks
12:30  Lunch and departures

Working languages: English, with interpretation into Russian and Turkish.
"""

CONCEPT_NOTE = """\
# Concept note: Senior Officials' Meeting 2027

## Background
The Call for Action adopted at the Ministerial Conference in Istanbul in 2019 sets the
priority goals of the Budapest Process. Senior officials meet between ministerial
conferences to review progress, agree the work plan and prepare political decisions.

## Objectives
1. Review progress on each priority goal since the last Senior Officials' Meeting.
2. Exchange on return, readmission and reintegration, labour migration and the protection
   of victims of trafficking in human beings.
3. Agree the work plan for 2027–2028 and the preparation of the next Ministerial Conference.

## Participants
Senior officials of the participating states (two places per delegation), the European
Commission, and international organisations as observers. The Secretariat (ICMPD) supports
the co-chairs, Türkiye and Hungary.

## Expected outcomes
Conclusions of the co-chairs, circulated to the participating states after the meeting, and
an agreed work plan for 2027–2028.
"""

RETURN_REPORT = """\
# Expert meeting on return and reintegration
Budapest, 3–4 March 2020 · Summary report

## Organisation
The meeting was held under Priority Goal 1 of the Call for Action and co-chaired by Hungary.
Experts of the participating states, the European Commission and international organisations
took part.

## Panel
Bangladesh, the Netherlands, Pakistan, the European Return and Reintegration Network
(ERRIN), the European Border and Coast Guard Agency (FRONTEX) and the Bali Process.

## Main points
- Return and reintegration work best when countries of origin and destination plan them
  together, from the first contact with the returnee.
- Counselling before departure and support after arrival should be linked.
- Reintegration support is more sustainable when tied to local development and employment
  programmes.
- The exchange with the Bali Process showed common questions across the two regions.

## Follow-up
The Secretariat will reflect the conclusions in the draft work plan and report to the next
Senior Officials' Meeting.
"""

DOCUMENTS: tuple[LibraryItem, ...] = (
    LibraryItem(
        SOM_2027,
        DocumentInput(
            title="Draft agenda, Senior Officials' Meeting 2027",
            kind=DocumentKind.AGENDA,
            description="Draft agenda for comments by the participating states.",
            access_level=AccessLevel.MEMBERS,
            tags=("agenda", "SOM 2027"),
        ),
        files=(("SOM-2027-draft-agenda-v1.md", AGENDA_V1), ("SOM-2027-draft-agenda.md", AGENDA_V2)),
        notes=("First draft", "Revised after comments by the co-chairs"),
    ),
    LibraryItem(
        SOM_2027,
        DocumentInput(
            title="Concept note, Senior Officials' Meeting 2027",
            kind=DocumentKind.CONCEPT_NOTE,
            description="Background, objectives and expected outcomes of the meeting.",
            access_level=AccessLevel.MEMBERS,
            tags=("concept note", "SOM 2027"),
        ),
        files=(("SOM-2027-concept-note.md", CONCEPT_NOTE),),
    ),
    LibraryItem(
        RETURN_MEETING,
        DocumentInput(
            title="Summary report, expert meeting on return and reintegration",
            kind=DocumentKind.REPORT,
            description="Summary of the discussions in Budapest on 3–4 March 2020.",
            access_level=AccessLevel.PUBLIC,
            tags=("report", "return", "reintegration"),
        ),
        files=(("2020-03-Budapest-return-reintegration-report.md", RETURN_REPORT),),
    ),
    LibraryItem(
        RETURN_MEETING,
        DocumentInput(
            title="Group photo, expert meeting in Budapest",
            kind=DocumentKind.PHOTO,
            description="Demo picture standing in for the group photo of the participants.",
            access_level=AccessLevel.INTERNAL,
            tags=("photo",),
        ),
        files=(("2020-03-Budapest-group-photo.png", ""),),
    ),
)
