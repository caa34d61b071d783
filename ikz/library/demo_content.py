"""Example content written by the editorial team from the law texts in data/law (marked "Beispiel").

Not legal advice; each step names the sections it rests on, which the portal links.
"""

CHECKLISTS = [
    {
        "external_id": "demo:checkliste:zweckverband",
        "title": "Gründung eines Zweckverbands",
        "legal_forms": ["zweckverband"],
        "intro": "<p>Beispiel-Checkliste für Gemeinden und Kreise, die eine Aufgabe gemeinsam in einem "
        "Zweckverband nach §§ 4 ff. GkG NRW erfüllen wollen. Sie ersetzt keine Prüfung im Einzelfall.</p>",
        "steps": [
            (
                "Aufgabe und Beteiligte bestimmen",
                "Klären Sie, welche Aufgabe der Verband übernehmen soll und ob die Beteiligten zu ihrer Wahrnehmung "
                "berechtigt oder verpflichtet sind. Prüfen Sie, ob ein Gesetz eine besondere Rechtsform vorschreibt "
                "oder die gemeinsame Wahrnehmung ausschließt (§ 1 Abs. 1 GkG NRW).",
                "§ 1 GkG NRW; § 4 Abs. 1 GkG NRW",
            ),
            (
                "Rechtsform abwägen",
                "Vergleichen Sie den Zweckverband mit der öffentlich-rechtlichen Vereinbarung (§ 23 GkG NRW) und dem "
                "gemeinsamen Kommunalunternehmen (§ 27 GkG NRW). Der Zweckverband ist eine eigene Körperschaft des "
                "öffentlichen Rechts und ein Gemeindeverband (§ 5 GkG NRW).",
                "§ 1 Abs. 2 GkG NRW; § 5 GkG NRW",
            ),
            (
                "Mitglieder außerhalb NRW oder private Mitglieder prüfen",
                "Sollen der Bund, ein anderes Land, sonstige Körperschaften oder private Personen Mitglied werden, "
                "prüfen Sie die Voraussetzungen nach § 4 Abs. 2 GkG NRW. Die Mitgliedschaft einer Körperschaft "
                "außerhalb NRW bedarf der Genehmigung der Bezirksregierung (§ 4 Abs. 3 GkG NRW).",
                "§ 4 Abs. 2 GkG NRW; § 4 Abs. 3 GkG NRW",
            ),
            (
                "Verbandssatzung entwerfen",
                "Die Satzung regelt mindestens Name, Sitz, Mitglieder, Aufgaben, Organe, Deckung des Finanzbedarfs "
                "(Umlage) sowie Austritt und Auflösung. Nutzen Sie die Muster-Zweckverbandssatzung der Wissensdatenbank.",
                "§ 4 GkG NRW; § 5 GkG NRW",
            ),
            (
                "Vergaberecht prüfen",
                "Überträgt der Verband Aufgaben an Dritte oder erbringt er Leistungen für Mitglieder, prüfen Sie die "
                "Ausnahmen für öffentlich-öffentliche Zusammenarbeit (§ 108 GWB). Maßgeblich sind insbesondere die "
                "gemeinsame Kontrolle (§ 108 Abs. 4 und 5 GWB) und die 80-Prozent-Grenze.",
                "§ 108 Abs. 4 GWB; § 108 Abs. 5 GWB",
            ),
            (
                "Umsatzsteuer klären",
                "Klären Sie, ob Leistungen des Verbands an seine Mitglieder nach § 2b UStG nicht steuerbar sind, und "
                "beziehen Sie die Steuerberatung bzw. das Finanzamt frühzeitig ein.",
                "§ 2b UStG",
            ),
            (
                "Beschlüsse der Räte und Kreistage herbeiführen",
                "Jeder Beteiligte beschließt über den Beitritt und die Satzung in seinem zuständigen Gremium. "
                "Halten Sie die Beschlüsse für die Aufsichtsbehörde bereit.",
                "",
            ),
            (
                "Genehmigung und Bekanntmachung",
                "Legen Sie die Satzung der Aufsichtsbehörde zur Genehmigung vor und sorgen Sie für die öffentliche "
                "Bekanntmachung. Erst danach entsteht der Verband.",
                "§ 4 GkG NRW",
            ),
        ],
    },
    {
        "external_id": "demo:checkliste:oerv",
        "title": "Abschluss einer öffentlich-rechtlichen Vereinbarung",
        "legal_forms": ["oerv"],
        "intro": "<p>Beispiel-Checkliste für eine Vereinbarung nach §§ 23 ff. GkG NRW, mit der ein Beteiligter "
        "eine Aufgabe der anderen übernimmt (Delegation) oder für sie durchführt (Mandat).</p>",
        "steps": [
            (
                "Delegation oder Mandat festlegen",
                "Bei der Delegation gehen Recht und Pflicht zur Erfüllung der Aufgabe auf den übernehmenden "
                "Beteiligten über; beim Mandat bleiben die übrigen Beteiligten Träger der Aufgabe "
                "(§ 23 Abs. 1 und 2 GkG NRW).",
                "§ 23 Abs. 1 GkG NRW; § 23 Abs. 2 GkG NRW",
            ),
            (
                "Mitwirkungsrechte vereinbaren",
                "Regeln Sie, ob und wie die übrigen Beteiligten bei der Erfüllung der Aufgabe mitwirken, etwa bei der "
                "Bestellung von Dienstkräften (§ 23 Abs. 3 GkG NRW).",
                "§ 23 Abs. 3 GkG NRW",
            ),
            (
                "Entschädigung bemessen",
                "Sehen Sie eine angemessene Entschädigung vor, die in der Regel die Kosten deckt "
                "(§ 23 Abs. 4 GkG NRW). Dokumentieren Sie die Kalkulation.",
                "§ 23 Abs. 4 GkG NRW",
            ),
            (
                "Laufzeit und Kündigung regeln",
                "Ist die Vereinbarung unbefristet oder länger als 20 Jahre befristet, muss sie Voraussetzungen und "
                "Form der Kündigung bestimmen (§ 23 Abs. 5 GkG NRW).",
                "§ 23 Abs. 5 GkG NRW",
            ),
            (
                "Vergaberecht und Umsatzsteuer prüfen",
                "Eine Zusammenarbeit zwischen öffentlichen Auftraggebern ist vom Vergaberecht ausgenommen, wenn die "
                "Voraussetzungen des § 108 Abs. 6 GWB vorliegen. Prüfen Sie außerdem die Entschädigung nach § 2b UStG.",
                "§ 108 Abs. 6 GWB; § 2b UStG",
            ),
            (
                "Schriftform und Kreis unterrichten",
                "Die Vereinbarung ist schriftlich abzuschließen; kreisangehörige Gemeinden unterrichten den Kreis "
                "rechtzeitig, wenn sie mit Partnern außerhalb des Kreises verhandeln (§ 24 Abs. 1 GkG NRW).",
                "§ 24 Abs. 1 GkG NRW",
            ),
            (
                "Genehmigung beantragen",
                "Die Vereinbarung bedarf der Genehmigung der Aufsichtsbehörde; sie gilt als erteilt, wenn die "
                "Aufsichtsbehörde nicht binnen vier Wochen widerspricht (§ 24 Abs. 2 GkG NRW).",
                "§ 24 Abs. 2 GkG NRW",
            ),
            (
                "Bekanntmachung und Wirksamkeit",
                "Die Aufsichtsbehörde macht Vereinbarung und Genehmigung bekannt; die Beteiligten weisen darauf hin. "
                "Die Vereinbarung wird am Tag nach der Bekanntmachung wirksam (§ 24 Abs. 3 und 4 GkG NRW).",
                "§ 24 Abs. 3 GkG NRW; § 24 Abs. 4 GkG NRW",
            ),
        ],
    },
    {
        "external_id": "demo:checkliste:vergabe-ustg",
        "title": "Prüfung Vergaberecht und § 2b UStG",
        "legal_forms": ["oerv", "zweckverband", "oer_vertrag"],
        "intro": "<p>Beispiel-Checkliste für die zwei Fragen, die fast jede Kooperation stellt: Muss ausgeschrieben "
        "werden (§ 108 GWB)? Und ist die Leistung umsatzsteuerbar (§ 2b UStG)?</p>",
        "steps": [
            (
                "Öffentlichen Auftraggeber und Auftrag feststellen",
                "Sind alle Beteiligten öffentliche Auftraggeber im Sinne des § 99 Nummer 1 bis 3 GWB, und liegt ein "
                "entgeltlicher Vertrag vor? Nur dann stellt sich die Frage der Ausnahme nach § 108 GWB.",
                "§ 99 GWB; § 108 Abs. 1 GWB",
            ),
            (
                "Inhouse-Vergabe prüfen",
                "Bei Aufträgen an eine kontrollierte juristische Person: ähnliche Kontrolle wie über eigene "
                "Dienststellen, mehr als 80 Prozent der Tätigkeiten für den Auftraggeber, keine direkte private "
                "Kapitalbeteiligung (§ 108 Abs. 1 GWB). Bei gemeinsamer Kontrolle gelten § 108 Abs. 4 und 5 GWB.",
                "§ 108 Abs. 1 GWB; § 108 Abs. 4 GWB; § 108 Abs. 5 GWB",
            ),
            (
                "Horizontale Zusammenarbeit prüfen",
                "Begründet der Vertrag eine echte Zusammenarbeit zur Erreichung gemeinsamer Ziele, bestimmt allein "
                "durch das öffentliche Interesse, und erbringen die Partner weniger als 20 Prozent der Tätigkeiten "
                "auf dem Markt (§ 108 Abs. 6 GWB)?",
                "§ 108 Abs. 6 GWB",
            ),
            (
                "Tätigkeitsanteile belegen",
                "Ermitteln Sie die Prozentanteile anhand des durchschnittlichen Gesamtumsatzes der letzten drei Jahre "
                "oder eines anderen tätigkeitsgestützten Werts; fehlen Zahlen, genügen glaubhafte Prognosen "
                "(§ 108 Abs. 7 GWB).",
                "§ 108 Abs. 7 GWB",
            ),
            (
                "Hoheitliche Tätigkeit nach § 2b UStG prüfen",
                "Juristische Personen des öffentlichen Rechts gelten nicht als Unternehmer, soweit sie Tätigkeiten "
                "im Rahmen der öffentlichen Gewalt ausüben und dies nicht zu größeren Wettbewerbsverzerrungen führt "
                "(§ 2b Abs. 1 UStG).",
                "§ 2b Abs. 1 UStG",
            ),
            (
                "Wettbewerbsverzerrung ausschließen",
                "Prüfen Sie die Umsatzgrenze von 17 500 Euro und die Steuerbefreiungen (§ 2b Abs. 2 UStG) sowie die "
                "Fälle der Zusammenarbeit zwischen juristischen Personen des öffentlichen Rechts (§ 2b Abs. 3 UStG).",
                "§ 2b Abs. 2 UStG; § 2b Abs. 3 UStG",
            ),
            (
                "Übergangsregelung beachten",
                "Prüfen Sie, ob für Ihre Körperschaft noch die Option nach § 27 Abs. 22 UStG gilt, und gleichen Sie "
                "den aktuellen Wortlaut ab: die Frist wurde nach dem hier hinterlegten Textstand verlängert.",
                "§ 27 Abs. 22 UStG",
            ),
            (
                "Ergebnis dokumentieren",
                "Halten Sie die Prüfung schriftlich fest (Vergabevermerk, steuerliche Würdigung) und legen Sie sie "
                "der Vereinbarung bei. Berücksichtigen Sie die Rechtsprechung der Wissensdatenbank (z. B. EuGH "
                "C-386/11 Piepenbrock, C-796/18 ISE).",
                "",
            ),
        ],
    },
]

TEMPLATES = [
    {
        "external_id": "demo:muster:oerv-23-gkg",
        "kind": "template",
        "title": "Mustervereinbarung nach § 23 GkG NRW (Mandat)",
        "slug": "mustervereinbarung-23-gkg-nrw",
        "legal_forms": ["oerv"],
        "body": "<p>Gerüst einer öffentlich-rechtlichen Vereinbarung, mit der eine Kommune eine Aufgabe für andere "
        "durchführt (§ 23 Abs. 1 Alt. 2 GkG NRW). Mit Genehmigung nach § 24 GkG NRW.</p>",
        "formats": ["docx", "odt", "pdf"],
        "blocks": [
            (
                "title",
                "Öffentlich-rechtliche Vereinbarung über die Durchführung der Aufgabe [Aufgabe] (Beispiel)",
            ),
            (
                "p",
                "zwischen der [Gemeinde A], vertreten durch [Bürgermeister/in], und der [Gemeinde B], vertreten durch "
                "[Bürgermeister/in], auf Grundlage der §§ 1, 23 und 24 GkG NRW.",
            ),
            ("h", "§ 1 Gegenstand"),
            (
                "p",
                "Die Gemeinde A verpflichtet sich, die Aufgabe [Aufgabe] für die Gemeinde B durchzuführen. Die Rechte "
                "und Pflichten der Gemeinde B als Trägerin der Aufgabe bleiben unberührt (§ 23 Abs. 2 Satz 2 GkG NRW).",
            ),
            ("h", "§ 2 Mitwirkung"),
            ("p", "Die Gemeinde B wirkt bei [Entscheidungen/Personalauswahl] mit (§ 23 Abs. 3 GkG NRW)."),
            ("h", "§ 3 Entschädigung"),
            (
                "p",
                "Die Gemeinde B zahlt eine kostendeckende Entschädigung nach Anlage 1 (§ 23 Abs. 4 GkG NRW). "
                "Die umsatzsteuerliche Behandlung ist nach § 2b UStG geprüft (Anlage 2).",
            ),
            ("h", "§ 4 Laufzeit und Kündigung"),
            (
                "p",
                "Die Vereinbarung gilt ab dem Tag nach der Bekanntmachung für [Jahre]. Sie kann mit einer Frist von "
                "[Monaten] zum Jahresende schriftlich gekündigt werden (§ 23 Abs. 5 GkG NRW).",
            ),
            ("h", "§ 5 Genehmigung und Wirksamwerden"),
            (
                "p",
                "Die Vereinbarung bedarf der Genehmigung der Aufsichtsbehörde und wird am Tag nach ihrer "
                "Bekanntmachung wirksam (§ 24 Abs. 2 bis 4 GkG NRW).",
            ),
            (
                "p",
                "Ort, Datum, Unterschriften. – Beispiel der Redaktion des IKZ-Portals NRW, keine Rechtsberatung.",
            ),
        ],
    },
    {
        "external_id": "demo:muster:zweckverbandssatzung",
        "kind": "template",
        "title": "Muster-Zweckverbandssatzung (Gliederung)",
        "slug": "muster-zweckverbandssatzung",
        "legal_forms": ["zweckverband"],
        "body": "<p>Gliederung einer Verbandssatzung für einen Freiverband nach § 4 Abs. 1 GkG NRW mit Hinweisen zu "
        "jedem Abschnitt.</p>",
        "formats": ["docx", "odt"],
        "blocks": [
            ("title", "Verbandssatzung des Zweckverbands [Name] (Beispiel-Gliederung)"),
            ("h", "§ 1 Name, Sitz, Rechtsform"),
            (
                "p",
                "Der Zweckverband ist eine Körperschaft des öffentlichen Rechts (§ 5 Abs. 1 GkG NRW) mit Sitz in [Ort].",
            ),
            ("h", "§ 2 Mitglieder"),
            ("p", "Mitglieder sind [Gemeinden/Kreise]. Weitere Mitglieder nach § 4 Abs. 2 GkG NRW."),
            ("h", "§ 3 Aufgaben"),
            ("p", "Der Verband erfüllt für seine Mitglieder die Aufgabe [Aufgabe] (§ 4 Abs. 1 GkG NRW)."),
            ("h", "§ 4 Organe"),
            ("p", "Verbandsversammlung und Verbandsvorsteher/in; Sitz- und Stimmenverteilung."),
            ("h", "§ 5 Deckung des Finanzbedarfs"),
            ("p", "Umlage nach [Maßstab]; Wirtschaftsführung."),
            ("h", "§ 6 Austritt, Auflösung, Bekanntmachungen"),
            ("p", "Beispiel der Redaktion des IKZ-Portals NRW, keine Rechtsberatung."),
        ],
    },
    {
        "external_id": "demo:oea:pressemitteilung",
        "kind": "pr",
        "title": "Vorlage Pressemitteilung: Start einer interkommunalen Zusammenarbeit",
        "slug": "vorlage-pressemitteilung-ikz-start",
        "legal_forms": [],
        "body": "<p>Vorlage für eine Pressemitteilung zum Start einer Kooperation, mit Platzhaltern für Zitate und "
        "Kennzahlen.</p>",
        "formats": ["docx", "odt"],
        "blocks": [
            (
                "title",
                "Pressemitteilung: [Gemeinde A] und [Gemeinde B] arbeiten künftig bei [Aufgabe] zusammen",
            ),
            (
                "p",
                "[Ort], [Datum]. Die Räte von [Gemeinde A] und [Gemeinde B] haben beschlossen, [Aufgabe] ab [Datum] "
                "gemeinsam zu erledigen. Grundlage ist eine öffentlich-rechtliche Vereinbarung nach dem Gesetz über "
                "kommunale Gemeinschaftsarbeit (GkG NRW).",
            ),
            ("h", "Was sich für die Bürgerinnen und Bürger ändert"),
            ("p", "[Öffnungszeiten, Ansprechstellen, Online-Angebote]."),
            ("h", "Zitate"),
            ("p", "„[Zitat Bürgermeister/in A]“ – „[Zitat Bürgermeister/in B]“"),
            ("h", "Kontakt für die Presse"),
            ("p", "[Name, Telefon, E-Mail]. – Beispiel-Vorlage der Redaktion des IKZ-Portals NRW."),
        ],
    },
]
