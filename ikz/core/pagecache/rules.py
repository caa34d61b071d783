"""What the page cache may store, and which writes leave public pages unchanged.

Three registries, each checked by ikz/core/tests/test_pagecache_rules.py against what is installed,
so a new view, page type or model cannot slip through unnoticed:

- `PUBLIC_VIEWS` / `PRIVATE_VIEWS`: every named URL outside /admin/ is in exactly one of them.
  Only a public view's responses are ever stored; a private one is always rendered.
- `PUBLIC_PAGE_TYPES` / `PRIVATE_PAGE_TYPES`: the same for the Wagtail page models that
  `wagtail_serve` delivers.
- `WRITE_EXEMPT`: models whose rows no public page shows. A write to any other table – a model
  added tomorrow included – makes every cached page stale (see invalidation.py).

Being public is necessary, not sufficient: a response is stored only when it also passes the
checks in middleware.py (anonymous request without cookies, no cookie set but the CSRF one,
no `private`/`no-store`/`no-cache`, no CSP nonce, text content, status 200 or 301).
"""

from __future__ import annotations

# View name (namespace:name, as `reverse()` takes it) → why every anonymous visitor gets the same.
PUBLIC_VIEWS: dict[str, str] = {
    "municipalities:list": "Register aller Körperschaften; Filter stehen in der Adresse",
    "municipalities:redirect": "Weiterleitung von der AGS auf die Seite der Körperschaft",
    "municipalities:detail": "Steckbrief einer Körperschaft; Kontakte nur für Mitglieder (mit Sitzung)",
    "projects:list": "Projektliste mit Facetten; Filter und Seite stehen in der Adresse",
    "projects:detail": "veröffentlichte Fassung; Entwurf und Kontakte nur mit Anmeldung",
    "projects:export_csv": "offene Daten, für alle gleich",
    "projects:export_json": "offene Daten, für alle gleich",
    "projects_api:list": "offene Daten (API), ohne Anmeldung",
    "projects_api:detail": "offene Daten (API), ohne Anmeldung",
    "openapi": "Beschreibung der API",
    "search:page": "Suchergebnisse hängen nur von der Adresse ab (Schlüssel: volle Adresse)",
    "search:suggest": "Vorschläge hängen nur von der Adresse ab",
    "search_api:search": "Suche über die API, ohne Anmeldung",
    "search_api:openapi": "Beschreibung der Such-API",
    "assistant:start": "Fragen des Kooperationsassistenten; frühere Antworten stehen in der Adresse",
    "assistant:ergebnis": "Ergebnis hängt nur von den Antworten in der Adresse ab",
    "assistant:rechtsform": "Ergebnis hängt nur von den Antworten in der Adresse ab",
    "assistant:foerderung": "Ergebnis hängt nur von den Antworten in der Adresse ab",
    "assistant:beenden": "Schritte für Austritt und Auflösung hängen nur von den Antworten in der Adresse ab",
    "assistant:ergebnis_pdf": "Ergebnis als PDF, nur aus der Adresse; als Download keine Textantwort, daher ungespeichert",
    "assistant:ergebnis_docx": "Ergebnis als DOCX, nur aus der Adresse; als Download keine Textantwort, daher ungespeichert",
    "assistant_api:foerderung": "Förderberechnung (API) hängt nur von der Adresse ab",
    "contacts:list": "Ansprechpartner: Filter in der Adresse; Personen nur für Mitglieder (mit Sitzung, nie gespeichert)",
    "contacts:detail": "Ansprechpartner: Angaben der Stelle; Personen nur für Mitglieder (mit Sitzung, nie gespeichert)",
    "feeds:all": "Atom-Feed des Neuen, für alle gleich; das Thema steht in der Adresse",
    "feeds:source": "Atom-Feed einer Inhaltsart, für alle gleich; das Thema steht in der Adresse",
    "events:feed": "alle kommenden Veranstaltungen als iCalendar, für alle gleich; Kalenderprogramme fragen ihn oft ab",
    "events:ics": "eine Veranstaltung als iCalendar, ohne Zugangslink, für alle gleich",
    "questions:list": "Fragen der Mitglieder: Anonyme sehen nur öffentliche (Filter in der Adresse); Angemeldete nie aus dem Cache",
    "questions:detail": "Frage mit Antworten: Anonyme nur öffentliche, nicht ausgeblendete (sonst 403/404, ungespeichert)",
}

# View name or "namespace:*" → why it is always rendered.
PRIVATE_VIEWS: dict[str, str] = {
    "accounts:*": "Konto: Anmeldung, Registrierung, Token-Links und persönliche Daten",
    "hotline:*": "Formular mit einmaligem Start-Token, Dankseite und Nachtrag je Anfrage",
    "newsletter:*": "Bestätigungs- und Abmeldelinks mit Token; sie schreiben",
    "faq:vote": "nimmt nur POST an",
    "partners:*": "Partnersuche: Inhalte für Mitglieder",
    "projects:mine": "Projekte der angemeldeten Person",
    "projects:create": "Formular für Mitglieder",
    "projects:edit": "Formular für Mitglieder",
    "projects:submit": "nimmt nur POST an",
    "projects:confirm": "Token-Link aus der Erinnerungsmail",
    "projects:confirm_member": "nimmt nur POST an",
    "workshop:*": "Kooperationswerkstatt: nur für ihre Mitglieder, Einladungslinks mit Token",
    "events:register": "Veranstaltungen: Anmeldeformular, schreibt",
    "events:confirm": "Veranstaltungen: Bestätigungslink mit Token; schreibt",
    "events:cancel": "Veranstaltungen: Abmeldelink mit Token",
    "events:personal": "Veranstaltungen: persönliche Anmeldeseite mit Zugangslink",
    "events:personal_ics": "Veranstaltungen: persönliche Kalenderdatei mit Zugangslink",
    "questions:ask": "Formular für Mitglieder",
    "questions:edit": "Formular der fragenden Person",
    "questions:answer": "nimmt nur POST an",
    "questions:answer_edit": "Formular der antwortenden Person",
    "questions:helpful": "nimmt nur POST an",
    "questions:follow": "nimmt nur POST an",
    "questions:report": "Meldeformular für Mitglieder",
    "questions:unfollow_link": "Abbestell-Link mit Token aus der Mail",
    "workshop:agreements:*": "Vertrags- und Satzungsentwürfe einer Werkstatt: nur für ihre Mitglieder",
    "funding:*": "Förderprogramm abonnieren und abbestellen: nimmt nur POST an, persönlich",
    "wagtaildocs_serve": "Dokumente: ikz.library.document_access prüft jeden Abruf",
    "wagtaildocs_authenticate_with_password": "Kennwortabfrage für Dokumente",
    "wagtailcore_authenticate_with_password": "Kennwortabfrage für geschützte Seiten",
    "wagtailcore_login": "Anmeldung für geschützte Seiten",
}

# The catch-all view of Wagtail's page tree: decided by the page type below.
PAGE_VIEW = "wagtail_serve"

PUBLIC_PAGE_TYPES: dict[str, str] = {
    "core.HomePage": "Startseite",
    "core.StandardPage": "Textseiten, auch Impressum und Datenschutz",
    "library.LibraryIndexPage": "Übersicht der Wissensdatenbank",
    "library.LibraryFolderPage": "Ordner der Wissensdatenbank",
    "library.LibraryEntryPage": "Eintrag; Inhalte nur für Mitglieder sieht nur, wer angemeldet ist",
    "library.ChecklistPage": "Checkliste; Bearbeitungen nur mit Anmeldung (eigene Unteradressen)",
    "library.RulingPage": "Urteil",
    "library.LiteraturePage": "Literatur",
    "library.TemplatePage": "Muster; die Dateien selbst gehen über die Rechteprüfung",
    "library.PublicRelationsPage": "Material für die Öffentlichkeitsarbeit",
    "library.LawIndexPage": "Übersicht der Gesetze",
    "library.LawPage": "Gesetz mit Paragrafen; Downloads sind keine Textantwort und bleiben ungespeichert",
    "faq.FAQIndexPage": "FAQ-Übersicht; die Suche steht in der Adresse",
    "faq.FAQPage": "Frage mit Bewertungsformular: das CSRF-Token wird je Abruf eingesetzt",
    "newsletter.NewsletterIndexPage": "Archiv; das Anmeldeformular sendet selbst „private“ und bleibt ungespeichert",
    "newsletter.NewsletterEditionPage": "Ausgabe im Archiv",
    "events.EventIndexPage": "kommende Veranstaltungen (Thema in der Adresse) und Archiv",
    "events.EventPage": "Veranstaltung mit freien Plätzen (jede Anmeldung erneuert die Inhaltsversion); der Zugangslink steht nie darauf",
    "funding.FundingIndexPage": "Förderprogramme mit Filtern in der Adresse; „jetzt offen“ nach dem Berliner Datum (höchstens PAGE_CACHE_TIMEOUT alt)",
    "funding.FundingProgrammePage": "Förderprogramm; die Abo-Schaltfläche nur mit Anmeldung (Sitzung: nie gespeichert)",
}

PRIVATE_PAGE_TYPES: dict[str, str] = {
    "wagtailcore.Page": "die Wurzel des Seitenbaums wird nie ausgeliefert",
}

# Model label → why no public page shows its rows. Writes to these tables do not invalidate.
WRITE_EXEMPT: dict[str, str] = {
    "sessions.Session": "Sitzungen der Besucher; wer eine Sitzung hat, bekommt nie eine gespeicherte Seite",
    "axes.AccessAttempt": "Anmeldesperre",
    "axes.AccessAttemptExpiration": "Anmeldesperre",
    "axes.AccessFailureLog": "Protokoll der Anmeldesperre",
    "axes.AccessLog": "Protokoll der Anmeldungen",
    "django_tasks_database.DBTaskResult": "Warteschlange der Aufgaben; was eine Aufgabe schreibt, zählt selbst",
    "core.OutgoingMail": "Postausgang",
    "core.ConsumedToken": "verbrauchte Einmal-Tokens",
    "accounts.User": "Konten erscheinen auf keiner öffentlichen Seite; jede Anmeldung schreibt last_login",
    "hotline.Inquiry": "Anfragen sieht nur die Redaktion",
    "hotline.InquiryMessage": "Anfragen sieht nur die Redaktion",
    "hotline.InquiryNote": "interne Notizen der Redaktion",
    "hotline.ReferenceCounter": "Zähler für Aktenzeichen",
    "newsletter.Subscription": "Abonnements",
    "newsletter.Subscription_topics": "Themen der Abonnements",
    "newsletter.ConsentLog": "Einwilligungsprotokoll",
    "newsletter.Delivery": "Zustellung je Empfänger; ändert sich bei jedem Versandstapel",
    "faq.FAQFeedback": "Zähler „hilfreich“, nur im Redaktionsbereich",
    "library.ChecklistRun": "Bearbeitungen von Mitgliedern, nur mit Anmeldung sichtbar",
    "library.ChecklistStepState": "Bearbeitungen von Mitgliedern, nur mit Anmeldung sichtbar",
    "wagtailadmin.EditingSession": "Redaktionsbereich: wer gerade bearbeitet (alle paar Sekunden)",
    "wagtailadmin.FormState": "Redaktionsbereich: Formularzustand",
    "wagtailusers.UserProfile": "Einstellungen der Redaktion",
    "wagtailcore.PageLogEntry": "Protokoll; die Änderung selbst schreibt die Seite",
    "wagtailcore.ModelLogEntry": "Protokoll; die Änderung selbst schreibt das Objekt",
    "wagtailcore.PageSubscription": "Benachrichtigungen der Redaktion über Kommentare",
    "wagtailimages.Rendition": "entsteht beim Ausliefern einer Seite, die es damit schon zeigt",
    "wagtailembeds.Embed": "entsteht beim Ausliefern einer Seite, die es damit schon zeigt",
    "wagtailforms.FormSubmission": "Formulareingänge sind nie öffentlich",
    "workshop.Workshop": "Kooperationswerkstatt: sehen nur ihre Mitglieder",
    "workshop.Workshop_partners": "Kooperationswerkstatt: sehen nur ihre Mitglieder",
    "workshop.WorkshopMember": "Kooperationswerkstatt: sehen nur ihre Mitglieder",
    "workshop.Invitation": "Kooperationswerkstatt: sehen nur ihre Mitglieder",
    "workshop.Activity": "Kooperationswerkstatt: sehen nur ihre Mitglieder",
    "workshop.Note": "Kooperationswerkstatt: sehen nur ihre Mitglieder",
    "questions.Follow": "Kommunen fragen Kommunen: wer einer Frage folgt, sieht nur die Person selbst",
    "questions.Report": "Kommunen fragen Kommunen: Meldungen sieht nur die Redaktion",
    "agreements.Draft": "Entwürfe einer Werkstatt: sehen nur ihre Mitglieder",
    "agreements.DraftVersion": "Entwürfe einer Werkstatt: sehen nur ihre Mitglieder",
    "funding.FundingSubscription": "Abonnements der Förderprogramme, nur im eigenen Konto sichtbar",
    "funding.FundingNotice": "Protokoll der verschickten Hinweise zu Förderprogrammen",
    "workshop.Plan": "Kooperationswerkstatt: sehen nur ihre Mitglieder",
    "workshop.Milestone": "Kooperationswerkstatt: sehen nur ihre Mitglieder",
    "workshop.WorkshopChecklistRun": "Kooperationswerkstatt: sehen nur ihre Mitglieder",
    "workshop.NotificationSetting": "Kooperationswerkstatt: E-Mail-Wahl je Mitglied",
    "workshop.WorkshopDocument": "Kooperationswerkstatt: sehen nur ihre Mitglieder",
    "workshop.WorkshopDocumentVersion": "Kooperationswerkstatt: sehen nur ihre Mitglieder",
    "workshop.WorkshopPublication": "Kooperationswerkstatt: sehen nur ihre Mitglieder",
}


def view_rule(view_name: str) -> str | None:
    """'public', 'private' or None (unregistered, which the rules test refuses)."""
    if view_name in PUBLIC_VIEWS or view_name == PAGE_VIEW:
        return "public"
    namespace = view_name.rpartition(":")[0]
    if view_name in PRIVATE_VIEWS or (namespace and f"{namespace}:*" in PRIVATE_VIEWS):
        return "private"
    return None


def exempt_tables() -> frozenset[str]:
    from django.apps import apps

    tables = set()
    for label in WRITE_EXEMPT:
        app_label, _, name = label.partition(".")
        tables.add(apps.get_model(app_label, name)._meta.db_table.lower())
    return frozenset(tables)
