"""The portal's service pages – views, not Wagtail pages – as entries of the search index.

"Hotline" or "Partnersuche" must find their page although no editor wrote it. Each entry names
its URL by route name and the app that provides it; it joins the index only when that app is
installed and the route exists, and is rebuilt with `search_reindex` (source "service.page").
The texts say what a visitor finds there, in the page's own words.
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from .documents import IndexEntry

SOURCE = "service.page"

# (route name, app, title, what the page offers, further words people use for it)
SERVICE_PAGES: list[tuple[str, str, str, str, str]] = [
    (
        "hotline:hotline",
        "ikz.hotline",
        "Hotline: Fragen an die Redaktion",
        "Sie planen eine Zusammenarbeit mit anderen Kommunen und haben eine Frage? Die Redaktion hilft "
        "Ihnen am Telefon oder schriftlich. Sie erhalten eine Bestätigung mit Aktenzeichen per E-Mail.",
        "Beratung Kontakt Anfrage Telefon Beratungsstelle",
    ),
    (
        "assistant:start",
        "ikz.assistant",
        "Kooperationsassistent",
        "Sie wollen eine Aufgabe mit Nachbarn gemeinsam erledigen? Beantworten Sie ein paar Fragen: Der "
        "Assistent zeigt, welche Rechtsform passt, ob Vergaberecht und Umsatzsteuer greifen und welche "
        "Förderung in Frage kommt – jeweils mit den Paragrafen, auf denen die Aussage beruht.",
        "Assistent Wegweiser Prüfung Rechtsformwahl",
    ),
    (
        "assistant:rechtsform",
        "ikz.assistant",
        "Welche Rechtsform passt? (Kooperationsassistent)",
        "Rangfolge der Rechtsformen für Ihre Zusammenarbeit: öffentlich-rechtliche Vereinbarung, "
        "Zweckverband, gemeinsames Kommunalunternehmen, Arbeitsgemeinschaft oder Gesellschaft.",
        "Rechtsformwahl Organisationsform Assistent",
    ),
    (
        "assistant:foerderung",
        "ikz.assistant",
        "Förderung nach der Förderrichtlinie IKZ NRW (Kooperationsassistent)",
        "Zuwendung und Bedingungen der Förderung interkommunaler Zusammenarbeit in Nordrhein-Westfalen "
        "für Ihr Vorhaben.",
        "Fördermittel Zuschuss Förderprogramm Zuwendung Assistent",
    ),
    (
        "assistant:beenden",
        "ikz.assistant",
        "Zusammenarbeit beenden: Austritt oder Auflösung (Kooperationsassistent)",
        "Sie arbeiten schon zusammen und wollen ausscheiden oder die Zusammenarbeit gemeinsam beenden? "
        "Der Assistent zeigt die Schritte, die die Rechtsform verlangt – jeweils mit der Vorschrift, auf "
        "der sie beruhen.",
        "Kündigung Austritt Auflösung Ausscheiden",
    ),
    (
        "partners:finder",
        "ikz.projects",
        "Partnerfinder: Partner für eine Kooperation finden",
        "Der Partnerfinder schlägt einer Körperschaft für eine Aufgabe passende Partner vor – mit "
        "Begründung: zuerst die Nachbarn, dann Kommunen ähnlicher Größe und Struktur, dann solche, die in "
        "diesem Bereich schon zusammenarbeiten. Für Mitglieder des Portals; dort auch die Gesuche anderer "
        "Kommunen.",
        "Partnersuche Kooperationspartner Nachbarkommune Gesuch",
    ),
    (
        "projects:list",
        "ikz.projects",
        "Kooperationsprojekte",
        "Wie Städte, Gemeinden und Kreise in Nordrhein-Westfalen Aufgaben gemeinsam erledigen – zum "
        "Nachmachen und Weiterfragen. Projektdatenbank mit Filtern nach Aufgabenbereich, Rechtsform, "
        "Regierungsbezirk und Jahr; offene Daten als CSV und JSON.",
        "Projektdatenbank Beispiele Praxisbeispiele Projekte",
    ),
    (
        "municipalities:list",
        "ikz.municipalities",
        "Kommunen in Nordrhein-Westfalen",
        "Alle Städte und Gemeinden, die Kreise und die Städteregion Aachen, mit Amtlichem "
        "Gemeindeschlüssel (AGS), Nachbarn und Karte.",
        "Register Körperschaften Gemeindeverzeichnis Kommunalregister",
    ),
]


def service_entries() -> list[IndexEntry]:
    entries = []
    for route, app, title, text, words in SERVICE_PAGES:
        if not apps.is_installed(app):
            continue
        try:
            url = reverse(route)
        except NoReverseMatch:
            continue
        entries.append(
            IndexEntry(
                source=SOURCE, object_id=route, kind="page", title=title, url=url, body=text, context=words
            )
        )
    return entries
