"""The mandatory pages in the footer: Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit.

`site_setup` creates them once from here; afterwards the Redaktion edits them in Wagtail.
Everything that depends on the operator (name, address, phone, persons) is an example value and
says so on the page ("Beispiel – vor dem Betrieb ersetzen"). What the portal itself does with
personal data, and how long it keeps it, is taken from the settings at set-up time, so the
statement describes the installation it ships with.

Sources read for the facts named here (names, addresses, norms):
- Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen, §§ 10d, 10e
  BGG NRW, §§ 9 ff. BITVNRW: https://www.lbbp.nrw.de/ombudsstelle and
  https://www.mags.nrw/ombudsstelle-barrierefreie-informationstechnik (read 2026-11-29);
  e-mail address: IT.NRW press release of 3 January 2020,
  https://www.it.nrw/nrw-ueberwachungsstelle-fuer-die-it-barrierefreiheit-gestartet-98284
- § 5 BITVNRW (feedback answered within two to at most six weeks, reply points to the
  Ombudsverfahren): https://recht.nrw.de/lmi/owa/br_bes_detail?sg=0&menu=0&bes_id=40725&anw_nr=2&aufgehoben=N&det_id=431044
  (SGV. NRW. mit Stand vom 1.10.2024); table of contents of the BITVNRW of 18 June 2019
  (GV. NRW. S. 262): justiz-nrw.wolterskluwer-online.de
- Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen, complaint
  under Art. 77 DSGVO and §§ 29, 61 DSG NRW: the LDI's page "Ihre Beschwerde"; address
  Kavalleriestraße 2–4, 40213 Düsseldorf, Postfach 20 04 44, 40102 Düsseldorf, as given by
  several published privacy statements of NRW bodies (checked again before operation).
- § 3 DSG NRW (Zulässigkeit der Verarbeitung), DSG NRW vom 17. Mai 2018 (GV. NRW. S. 244):
  https://umwelt-online.de/recht/allgemei/laender/nrw/dsg18.htm
- § 5 DDG and § 18 MStV (contents of the Impressum): https://www.stbk-koeln.de/rechtlicher-service/berufsrecht/allgemeine-informationspflichten-nach-5-digitale-dienste-gesetz-ddg/
  and https://haufe.de/recht/deutsches-anwalt-office-premium/4-medienrecht-3-beachtung-publizistischer-grundsaetze_idesk_PI17574_HI15189696.html
"""

from django.conf import settings

EXAMPLE = "Beispiel – vor dem Betrieb ersetzen"
OPERATOR = "Landesagentur für interkommunale Zusammenarbeit NRW"
OPERATOR_ADDRESS = "Musterstraße 1, 40213 Düsseldorf"
OPERATOR_PHONE = "0211 000000-0"
OPERATOR_MAIL = "redaktion@ikz-portal.example"
DPO_MAIL = "datenschutz@ikz-portal.example"
ACCESSIBILITY_MAIL = "barrierefreiheit@ikz-portal.example"
STATEMENT_DATE = "29. November 2026"

LDI = (
    "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen (LDI NRW), "
    "Kavalleriestraße 2–4, 40213 Düsseldorf; Postanschrift: Postfach 20 04 44, 40102 Düsseldorf; "
    '<a href="https://www.ldi.nrw.de">www.ldi.nrw.de</a>'
)
OMBUDSSTELLE = (
    "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen, "
    "bei der Beauftragten der Landesregierung für Menschen mit Behinderung sowie für Patientinnen "
    'und Patienten; E-Mail: <a href="mailto:ombudsstelle-barrierefreie-it@mags.nrw.de">'
    "ombudsstelle-barrierefreie-it@mags.nrw.de</a>; Antragsformular und Anschrift: "
    '<a href="https://www.lbbp.nrw.de/ombudsstelle">www.lbbp.nrw.de/ombudsstelle</a>'
)


def _example(text: str) -> str:
    return f"{text} <em>({EXAMPLE})</em>"


def _notice() -> tuple[str, str]:
    return (
        "notice",
        f"<p><b>{EXAMPLE}:</b> Angaben, die vom Betreiber abhängen (Name und Anschrift der Behörde, "
        "Telefon, E-Mail-Adressen, verantwortliche Personen), sind Beispielwerte. Die Redaktion "
        "ersetzt sie vor dem Betrieb im Verwaltungsbereich unter „Seiten“.</p>",
    )


def _days(value: float) -> str:
    value = int(value)
    return "einem Tag" if value == 1 else f"{value} Tagen"


def _imprint() -> tuple[str, str, str, list[tuple[str, str]]]:
    body = [
        _notice(),
        ("heading", "Anbieter"),
        (
            "paragraph",
            f"<p>{_example(OPERATOR)}<br>{_example(OPERATOR_ADDRESS)}</p>"
            "<p>Die Landesagentur ist eine Einrichtung des Landes Nordrhein-Westfalen "
            f"{_example('in der Rechtsform einer unselbständigen Landeseinrichtung')}.</p>",
        ),
        ("heading", "Vertretung"),
        (
            "paragraph",
            f"<p>Die Landesagentur wird vertreten durch {_example('die Leiterin, Dr. Erika Muster')}.</p>",
        ),
        ("heading", "Kontakt"),
        (
            "paragraph",
            f"<p>Telefon: {_example(OPERATOR_PHONE)}<br>"
            f'E-Mail: <a href="mailto:{OPERATOR_MAIL}">{OPERATOR_MAIL}</a> <em>({EXAMPLE})</em></p>'
            "<p>Fragen zur interkommunalen Zusammenarbeit beantwortet die "
            '<a href="/hotline/">Hotline</a>.</p>',
        ),
        ("heading", "Aufsichtsbehörde"),
        (
            "paragraph",
            f"<p>{_example('Ministerium des Innern des Landes Nordrhein-Westfalen, Friedrichstraße 62–80, 40217 Düsseldorf')}</p>",
        ),
        ("heading", "Umsatzsteuer-Identifikationsnummer"),
        (
            "paragraph",
            f"<p>{_example('DE 000000000')} – nur anzugeben, wenn der Landesagentur eine "
            "Umsatzsteuer-Identifikationsnummer zugeteilt ist.</p>",
        ),
        ("heading", "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV"),
        (
            "paragraph",
            f"<p>{_example('Max Mustermann, Leitung der Redaktion')}, Anschrift wie oben.</p>"
            "<p>Die Beiträge in der Projektdatenbank stammen von den beteiligten Körperschaften; sie werden "
            "vor der Veröffentlichung von der Redaktion geprüft.</p>",
        ),
        ("heading", "Rechtsgrundlagen dieser Angaben"),
        (
            "paragraph",
            "<p>Die Angaben folgen § 5 des Digitale-Dienste-Gesetzes (DDG, vormals § 5 TMG) und "
            "§ 18 Abs. 1 und 2 des Medienstaatsvertrags (MStV).</p>",
        ),
        ("heading", "Haftung für Inhalte und Links"),
        (
            "paragraph",
            "<p>Die Inhalte des Portals werden sorgfältig erstellt und geprüft. Gesetzestexte, Urteile und "
            "Muster dienen der Information; verbindlich sind allein die amtlich verkündeten Fassungen. "
            "Jede Vorschrift nennt ihre Quelle und ihren Stand. Für Inhalte verlinkter Seiten anderer "
            "Anbieter sind deren Betreiber verantwortlich; bei Kenntnis von Rechtsverstößen entfernt die "
            "Redaktion den Link.</p>",
        ),
        ("heading", "Urheberrecht und Datenquellen"),
        (
            "paragraph",
            "<p>Gesetze, Verordnungen und Entscheidungen sind als amtliche Werke frei (§ 5 UrhG). "
            "Texte der Redaktion und die Projektbeschreibungen dürfen mit Quellenangabe weiterverwendet "
            "werden, soweit bei ihnen nichts anderes steht.</p>"
            "<p>Verzeichnis der Körperschaften: © Statistisches Bundesamt (Destatis), 2023, "
            "dl-de/by-2-0 (Daten verändert). Grenzen und Mittelpunkte: © GeoBasis-DE / BKG 2021 "
            '(Daten verändert), dl-de/by-2-0, <a href="https://www.bkg.bund.de">www.bkg.bund.de</a>. '
            'Lizenztext: <a href="https://www.govdata.de/dl-de/by-2-0">Datenlizenz Deutschland – '
            "Namensnennung – Version 2.0</a>.</p>"
            "<p>Synonyme der Suche: OpenThesaurus, © 2003–2014 Daniel Naber und die Mitwirkenden von "
            '<a href="https://www.openthesaurus.de">www.openthesaurus.de</a>, Lizenz: '
            '<a href="https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html">GNU Lesser General Public '
            "License 2.1</a>. Datenstand 24.04.2016, bezogen als Debian-Paket openthesaurus-de-text "
            "(Version 20160424-4) und unverändert mit dem Portal ausgeliefert; die Suche gewichtet die "
            "Einträge und ergänzt sie um das Vokabular der Redaktion.</p>",
        ),
    ]
    return (
        "Impressum",
        "impressum",
        "Wer das IKZ-Portal NRW anbietet und wer für seine Inhalte verantwortlich ist.",
        body,
    )


def _privacy() -> tuple[str, str, str, list[tuple[str, str]]]:
    hotline_days = _days(getattr(settings, "HOTLINE_RETENTION_DAYS", 365))
    confirm_days = _days(getattr(settings, "NEWSLETTER_CONFIRMATION_DAYS", 7))
    mail_log_days = _days(getattr(settings, "MAIL_LOG_RETENTION_DAYS", 90))
    failed_days = _days(getattr(settings, "MAIL_FAILED_BODY_RETENTION_DAYS", 14))
    events_n = int(getattr(settings, "EVENTS_RETENTION_DAYS", 90))
    events_days = "einen Tag" if events_n == 1 else f"{events_n} Tage"  # "… Tage nach der Veranstaltung"
    lock_limit = int(getattr(settings, "AXES_FAILURE_LIMIT", 5))
    lock_minutes = round(float(getattr(settings, "AXES_COOLOFF_TIME", 0.25)) * 60)
    max_mb = int(getattr(settings, "HOTLINE_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)) // (1024 * 1024)
    body = [
        _notice(),
        ("heading", "Verantwortliche Stelle"),
        (
            "paragraph",
            f"<p>Verantwortlich im Sinne von Art. 4 Nr. 7 DSGVO ist {_example(OPERATOR)}, "
            f"{_example(OPERATOR_ADDRESS)}, Telefon {_example(OPERATOR_PHONE)}, "
            f'E-Mail <a href="mailto:{OPERATOR_MAIL}">{OPERATOR_MAIL}</a> <em>({EXAMPLE})</em>.</p>',
        ),
        ("heading", "Datenschutzbeauftragte"),
        (
            "paragraph",
            "<p>Die behördliche Datenschutzbeauftragte erreichen Sie unter "
            f'<a href="mailto:{DPO_MAIL}">{DPO_MAIL}</a> <em>({EXAMPLE})</em> '
            "oder per Post an die oben genannte Anschrift mit dem Zusatz „Datenschutzbeauftragte – "
            "persönlich“.</p>",
        ),
        ("heading", "Rechtsgrundlagen"),
        (
            "paragraph",
            "<p>Das Portal ist ein Angebot einer öffentlichen Stelle des Landes. Personenbezogene Daten "
            "verarbeiten wir, soweit es zur Erfüllung dieser öffentlichen Aufgabe – der Beratung und "
            "Vernetzung der Kommunen bei der interkommunalen Zusammenarbeit – erforderlich ist "
            "(Art. 6 Abs. 1 Satz 1 Buchst. e und Abs. 3 DSGVO in Verbindung mit § 3 des "
            "Datenschutzgesetzes Nordrhein-Westfalen, DSG NRW). Wo Sie ausdrücklich einwilligen – "
            "Hotline und Newsletter –, ist Ihre Einwilligung die Grundlage (Art. 6 Abs. 1 Satz 1 "
            "Buchst. a DSGVO); Sie können sie jederzeit mit Wirkung für die Zukunft widerrufen.</p>",
        ),
        ("heading", "Was wir verarbeiten"),
        (
            "paragraph",
            "<h3>Besuch der Seiten und Server-Protokolle</h3>"
            "<p>Für öffentliche Inhalte brauchen Sie kein Konto. Beim Aufruf einer Seite verarbeitet der "
            "Server Ihre IP-Adresse, Datum und Uhrzeit, die aufgerufene Adresse, den Statuscode und die "
            "Kennung Ihres Browsers, um die Seite auszuliefern und Angriffe abzuwehren. Die Protokolle "
            f"des Webservers werden {_example('nach 7 Tagen')} gelöscht. Rechtsgrundlage: Art. 6 Abs. 1 "
            "Buchst. e DSGVO in Verbindung mit § 3 DSG NRW.</p>"
            "<h3>Benutzerkonto und Mitgliedschaft</h3>"
            "<p>Wenn Sie sich registrieren, speichern wir Ihren Namen, Ihre E-Mail-Adresse, Ihre Funktion, "
            "die Körperschaft, für die Sie tätig sind, das Passwort (nur als nicht umkehrbarer Hash), den "
            "Zeitpunkt der Bestätigung Ihrer E-Mail-Adresse und den Zeitpunkt, zu dem Sie diesen Hinweis "
            "bestätigt haben. Die Redaktion prüft damit, ob Sie der Körperschaft angehören, und bestätigt "
            "Ihre Mitgliedschaft. Mitglieder sehen die Kontaktdaten anderer Mitglieder, soweit diese sie in "
            "Projekten oder Partnergesuchen angeben. Ihr Konto bleibt bestehen, bis Sie seine Löschung "
            "verlangen oder die Redaktion es nach Ende Ihrer Mitgliedschaft löscht; nicht bestätigte "
            f"Registrierungen löscht die Redaktion {_example('nach 30 Tagen')}.</p>"
            "<h3>Anmeldung und Schutz vor Passwort-Raten</h3>"
            f"<p>Nach {lock_limit} erfolglosen Anmeldeversuchen sperrt das Portal das Konto bzw. die "
            f"IP-Adresse für {lock_minutes} Minuten. Dafür speichert es die eingegebene E-Mail-Adresse, "
            "die IP-Adresse, die Browserkennung und den Zeitpunkt der Versuche; die Einträge werden nach "
            "Ablauf der Sperre bzw. nach einer erfolgreichen Anmeldung gelöscht. Erfolgreiche Anmeldungen "
            "werden mit Zeitpunkt, IP-Adresse und Browserkennung protokolliert und "
            f"{_example('nach 90 Tagen')} gelöscht.</p>"
            "<h3>Beiträge zur Projektdatenbank und Partnersuche</h3>"
            "<p>Mitglieder können Projekte ihrer Körperschaft eintragen und Partnergesuche veröffentlichen. "
            "Dabei speichern wir, wer einen Beitrag angelegt, eingereicht und geändert hat, sowie die "
            "Ansprechperson mit Name, E-Mail-Adresse und Telefonnummer, soweit Sie diese angeben. Nach der "
            "Freigabe durch die Redaktion ist die Projektbeschreibung öffentlich; die Kontaktdaten der "
            "Ansprechperson sehen nur angemeldete Mitglieder. Frühere Fassungen eines Beitrags bleiben "
            "als Versionen erhalten, solange das Projekt besteht.</p>"
            "<h3>Checklisten</h3>"
            "<p>Mitglieder können Checklisten für ein Vorhaben ihrer Körperschaft abarbeiten. Gespeichert "
            "werden die Häkchen, Ihre Notizen, wer sie zuletzt geändert hat und wann. Sie sehen nur Sie "
            "und die Mitglieder Ihrer Körperschaft. Die Daten bleiben, bis Sie den Durchlauf löschen oder "
            "Ihr Konto gelöscht wird.</p>"
            "<h3>Hotline</h3>"
            "<p>Wenn Sie der Hotline eine Frage stellen, speichern wir Betreff und Frage, Ihren Namen, Ihre "
            "E-Mail-Adresse, die Körperschaft, den Wortlaut Ihrer Einwilligung, einen Anhang (PDF, Bild oder "
            f"Textdokument, höchstens {max_mb} MB) sowie den Schriftwechsel und interne Notizen der Redaktion. "
            "Grundlage ist Ihre Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO). "
            "Nach Abschluss der Anfrage werden Name, E-Mail-Adresse, "
            f"Frage, Schriftwechsel, Notizen und der Anhang nach {hotline_days} gelöscht; für die Statistik "
            "bleiben nur Aktenzeichen, Daten, Status und Körperschaft.</p>"
            "<h3>Newsletter</h3>"
            "<p>Für den Newsletter speichern wir Ihre E-Mail-Adresse und die gewählten Themen. Sie erhalten "
            "zuerst eine E-Mail mit einem Bestätigungslink (Double-Opt-in); erst nach der Bestätigung "
            "senden wir den Newsletter. Zum Nachweis Ihrer Einwilligung protokollieren wir Anmeldung, "
            "Bestätigung und Abmeldung mit Zeitpunkt und Wortlaut der Einwilligung. Nicht bestätigte "
            f"Anmeldungen werden nach {confirm_days} mit ihrem Protokoll gelöscht. Sie können den "
            "Newsletter jederzeit über den Link in jeder Ausgabe abbestellen. Grundlage ist Ihre "
            "Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO).</p>"
            "<h3>Veranstaltungen</h3>"
            "<p>Wenn Sie sich zu einer Veranstaltung anmelden, speichern wir Ihren Namen, Ihre E-Mail-Adresse, "
            "auf Wunsch Ihre Körperschaft und den Wortlaut Ihrer Einwilligung. Sie erhalten zuerst eine E-Mail "
            "mit einem Bestätigungslink; erst danach ist ein Platz für Sie reserviert oder Sie stehen auf der "
            "Warteliste. Am Tag vor der Veranstaltung erinnern wir Sie per E-Mail. Die Teilnehmendenliste "
            "sieht nur die Redaktion. Ihre Angaben werden "
            f"{events_days} nach der Veranstaltung gelöscht; für die Statistik bleiben nur Status und Daten. "
            "Über Ihren persönlichen Abmeldelink können Sie sich jederzeit abmelden. Grundlage ist Ihre "
            "Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO).</p>"
            "<h3>Kommunen fragen Kommunen</h3>"
            "<p>Fragen und Antworten zeigen Ihren Namen und Ihre Körperschaft. Sie sehen die angemeldeten "
            "Mitglieder und die Redaktion; eine Frage, die die fragende Person öffentlich gemacht hat, sieht "
            "jede Besucherin und jeder Besucher. Wer einer Frage folgt, erhält bei neuen Antworten eine "
            "E-Mail und kann das jederzeit über den Link in der E-Mail beenden. Meldungen von Beiträgen "
            "sieht nur die Redaktion.</p>"
            "<h3>Kooperationswerkstatt und Förderprogramme</h3>"
            "<p>Alles in einer Kooperationswerkstatt – Angaben, Notizen, Plan, Checklisten, Dokumente, "
            "Entwürfe und die Liste, wer wann was geändert hat – sehen nur ihre Mitglieder; die Redaktion "
            "nur, wenn sie eingeladen ist. Die Daten bleiben gespeichert, solange die Werkstatt besteht. "
            "E-Mails aus der Werkstatt erhalten Sie nur, wenn Sie sie gewählt haben. Wenn Sie ein "
            "Förderprogramm abonnieren, speichern wir das Abonnement zu Ihrem Konto und schreiben Ihnen, "
            "wenn das Antragsfenster öffnet und bevor es schließt; Sie können es jederzeit abbestellen.</p>"
            "<h3>E-Mails des Portals</h3>"
            "<p>E-Mails (Bestätigungen, Antworten der Hotline, Newsletter) legt das Portal zunächst in einem "
            "Postausgang ab und versendet sie von dort. Der Inhalt einer E-Mail wird gelöscht, sobald sie "
            "zugestellt ist; Empfänger, Betreff und Zeitpunkt bleiben als Zustellnachweis und werden nach "
            f"{mail_log_days} gelöscht. Bei nicht zustellbaren E-Mails wird der Inhalt nach "
            f"{failed_days} gelöscht.</p>",
        ),
        ("heading", "Cookies"),
        (
            "paragraph",
            "<p>Das Portal setzt nur technisch notwendige Cookies: ein Sitzungs-Cookie, das Sie nach der "
            "Anmeldung angemeldet hält, und ein Cookie zum Schutz von Formularen vor Missbrauch "
            "(CSRF-Schutz). Es gibt keine Analyse- oder Werbe-Cookies, und es werden keine Inhalte von "
            "fremden Servern geladen (keine Schriften, Karten oder Videos Dritter).</p>",
        ),
        ("heading", "Empfänger"),
        (
            "paragraph",
            "<p>Ihre Daten sehen die Mitarbeiterinnen und Mitarbeiter der Redaktion, soweit sie sie für ihre "
            "Aufgabe brauchen. Das Portal wird im Auftrag der Landesagentur betrieben von "
            f"{_example('IT.NRW, Landesbetrieb Information und Technik Nordrhein-Westfalen')} "
            "(Auftragsverarbeitung nach Art. 28 DSGVO). Eine Übermittlung in Länder außerhalb der "
            "Europäischen Union findet nicht statt.</p>",
        ),
        ("heading", "Ihre Rechte"),
        (
            "paragraph",
            "<p>Sie haben das Recht auf Auskunft über Ihre Daten (Art. 15 DSGVO), auf Berichtigung "
            "(Art. 16), auf Löschung (Art. 17), auf Einschränkung der Verarbeitung (Art. 18) und auf "
            "Datenübertragbarkeit, soweit die Verarbeitung auf Ihrer Einwilligung beruht (Art. 20). "
            "Gegen eine Verarbeitung auf Grundlage von Art. 6 Abs. 1 Buchst. e DSGVO können Sie aus "
            "Gründen, die sich aus Ihrer besonderen Situation ergeben, Widerspruch einlegen (Art. 21). "
            "Eine Einwilligung können Sie jederzeit widerrufen (Art. 7 Abs. 3); die Rechtmäßigkeit der "
            "bis dahin erfolgten Verarbeitung bleibt unberührt. Wenden Sie sich dafür an die Redaktion "
            "oder an die Datenschutzbeauftragte.</p>",
        ),
        ("heading", "Beschwerde bei der Aufsichtsbehörde"),
        (
            "paragraph",
            "<p>Sie können sich bei der Aufsichtsbehörde beschweren, wenn Sie meinen, dass die Verarbeitung "
            "Ihrer Daten gegen Datenschutzrecht verstößt (Art. 77 DSGVO, § 29 DSG NRW). Zuständig ist die "
            f"{LDI}.</p>",
        ),
        ("heading", "Keine automatisierte Entscheidung"),
        (
            "paragraph",
            "<p>Das Portal trifft keine automatisierten Entscheidungen und erstellt keine Profile. Ob eine "
            "Mitgliedschaft bestätigt oder ein Beitrag veröffentlicht wird, entscheidet ein Mensch in der "
            "Redaktion.</p>",
        ),
    ]
    return (
        "Datenschutzerklärung",
        "datenschutz",
        "Welche personenbezogenen Daten das IKZ-Portal NRW verarbeitet, wozu, auf welcher Grundlage "
        "und wie lange – und welche Rechte Sie haben (Art. 13 DSGVO).",
        body,
    )


def _accessibility() -> tuple[str, str, str, list[tuple[str, str]]]:
    body = [
        _notice(),
        ("heading", "Geltungsbereich"),
        (
            "paragraph",
            f"<p>{_example(OPERATOR)} ist bemüht, das IKZ-Portal NRW im Einklang mit dem "
            "Behindertengleichstellungsgesetz Nordrhein-Westfalen (BGG NRW) und der "
            "Barrierefreie-Informationstechnik-Verordnung Nordrhein-Westfalen (BITVNRW) barrierefrei "
            "zugänglich zu machen. Diese Erklärung gilt für alle öffentlichen Seiten des Portals "
            "einschließlich der Bereiche für angemeldete Mitglieder; sie gilt nicht für den "
            "Verwaltungsbereich der Redaktion.</p>",
        ),
        ("heading", "Stand der Vereinbarkeit mit den Anforderungen"),
        (
            "paragraph",
            "<p>Maßstab sind die Anforderungen der BITVNRW, die auf die harmonisierte Norm EN 301 549 "
            "und damit auf die Web Content Accessibility Guidelines 2.1 (WCAG 2.1), Stufen A und AA, "
            "verweisen. Das Portal ist mit diesen Anforderungen <b>teilweise vereinbar</b>. Die "
            "Unvereinbarkeiten sind unten aufgeführt.</p>"
            "<p>Die Bewertung beruht auf einer Selbstbewertung der Redaktion: Jede Seitenart wird bei jeder "
            "Änderung automatisch mit dem Prüfwerkzeug axe-core gegen die WCAG-2.1-Regeln der Stufen A "
            "und AA geprüft, auch in der Breite eines Mobiltelefons (360 Pixel); Tastaturbedienung und "
            "Fokusführung werden mit automatisierten Browsertests geprüft. Eine Prüfung durch eine "
            f"unabhängige Stelle (BITV-Test) {_example('steht noch aus')}.</p>",
        ),
        ("heading", "Nicht barrierefreie Inhalte"),
        (
            "paragraph",
            "<p>Die folgenden Inhalte sind nicht oder nicht vollständig barrierefrei:</p>"
            "<ul>"
            "<li><b>Karten der Körperschaften (SVG):</b> Die Karten auf den Seiten der Kommunen und Kreise "
            "sind Grafiken ohne Beschriftung der Gebiete; die Lage einer Körperschaft erschließt sich "
            "blinden Nutzerinnen und Nutzern nicht aus der Karte. Jede Karte enthält sehr viele Links, "
            "die mit der Tabulatortaste einzeln durchlaufen werden müssen. Alternative: Alle Gebiete "
            "der Karte stehen auf derselben Seite als Liste mit Links (Nachbarn, angehörige Gemeinden).</li>"
            "<li><b>Bild des Kooperationsnetzes:</b> Die grafische Darstellung der Partner einer "
            "Körperschaft schneidet lange Namen ab und zeigt nicht alle Partner. Alternative: die Liste "
            "der Projekte und Partner auf derselben Seite.</li>"
            "<li><b>Dokumente zum Herunterladen:</b> Ältere Muster und Materialien als PDF, DOCX oder ODT "
            "sind nicht durchgehend mit Überschriften, Listen und Lesereihenfolge ausgezeichnet. "
            "Alternative: Der Volltext jedes Musters steht auf seiner Seite im Portal.</li>"
            "<li><b>Fremde Inhalte:</b> Verlinkte Gesetzestexte, Entscheidungen und Veröffentlichungen "
            "anderer Anbieter liegen außerhalb unseres Einflusses.</li>"
            "<li><b>Gebärdensprache und Leichte Sprache:</b> Erläuterungen in Deutscher Gebärdensprache "
            f"und in Leichter Sprache {_example('werden bis Ende 2027 ergänzt')}.</li>"
            "</ul>"
            "<p>Die Redaktion arbeitet daran, diese Barrieren zu beseitigen.</p>",
        ),
        ("heading", "Erstellung dieser Erklärung"),
        (
            "paragraph",
            f"<p>Diese Erklärung wurde am {_example(STATEMENT_DATE)} erstellt. Sie wird mindestens einmal "
            "jährlich und nach jeder größeren Änderung des Portals überprüft und der "
            "Überwachungsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen "
            "übermittelt.</p>",
        ),
        ("heading", "Feedback und Kontakt"),
        (
            "paragraph",
            "<p>Sind Ihnen Mängel in der Barrierefreiheit aufgefallen, oder brauchen Sie einen Inhalt in "
            "einer anderen Form? Dann schreiben Sie uns über das elektronische Kontaktformular der "
            '<a href="/hotline/">Hotline</a> (Betreff „Barrierefreiheit“) oder per E-Mail an '
            f'<a href="mailto:{ACCESSIBILITY_MAIL}">{ACCESSIBILITY_MAIL}</a> <em>({EXAMPLE})</em>. '
            f"Telefonisch erreichen Sie die Redaktion unter {_example(OPERATOR_PHONE)}.</p>"
            "<p>Wir antworten innerhalb von sechs Wochen (§ 5 Abs. 2 BITVNRW). Ist das Problem in dieser "
            "Zeit nicht zu lösen, erhalten Sie eine Zwischennachricht.</p>",
        ),
        ("heading", "Durchsetzungsverfahren (Ombudsverfahren)"),
        (
            "paragraph",
            "<p>Wenn Sie auf Ihre Meldung keine oder keine zufriedenstellende Antwort erhalten, können Sie "
            "ein Ombudsverfahren beantragen (§ 10d BGG NRW, §§ 9 bis 16 BITVNRW). Zuständig ist die "
            f"{OMBUDSSTELLE}.</p>"
            "<p>Die Ombudsstelle ermittelt unter Einbeziehung aller Beteiligten, warum ein Inhalt nicht "
            "barrierefrei ist, und wirkt auf eine gütliche Einigung hin. Der Antrag kann in Textform oder "
            "zur Niederschrift bei der Ombudsstelle gestellt werden; er nennt die fehlende "
            "Barrierefreiheit, Ihren Namen und Ihre Anschrift sowie die betroffene öffentliche Stelle "
            "(§ 11 BITVNRW). Sie können ihn jederzeit ohne Angabe von Gründen zurücknehmen.</p>",
        ),
    ]
    return (
        "Erklärung zur Barrierefreiheit",
        "barrierefreiheit",
        "Wie barrierefrei das IKZ-Portal NRW ist, welche Barrieren wir kennen und wie Sie uns eine "
        "Barriere melden (§ 10b BGG NRW, § 4 BITVNRW).",
        body,
    )


def legal_pages() -> dict[str, tuple[str, str, str, list[tuple[str, str]]]]:
    """{PortalSettings field: (title, slug, intro, body blocks)} for the three mandatory pages."""
    return {
        "imprint_page": _imprint(),
        "privacy_page": _privacy(),
        "accessibility_page": _accessibility(),
    }
