"""Example content written by the editorial team from the law texts in data/law (marked "Beispiel").

Not legal advice; each step names the sections it rests on, which the portal links.
"""

from .docgen import BulletList, Document, Heading, Paragraph, Section, Signatures, Table

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

EXAMPLE_NOTE = (
    "Beispiel der Redaktion des IKZ-Portals NRW, keine Rechtsberatung. Vor der Verwendung an den "
    "Einzelfall anpassen und mit der Kommunalaufsicht abstimmen. Stellen in eckigen Klammern sind "
    "auszufüllen."
)

OERV_MANDAT = Document(
    title="Öffentlich-rechtliche Vereinbarung über die Durchführung der Aufgabe [Aufgabe]",
    subtitle="Beispiel der Redaktion – Gerüst einer mandatierenden Vereinbarung nach § 23 Abs. 1 Alt. 2 GkG NRW",
    blocks=[
        Paragraph("zwischen"),
        Table(
            caption="Beteiligte",
            header=["Beteiligte", "vertreten durch", "Anschrift"],
            rows=[
                [
                    "[Gemeinde A] (durchführende Gemeinde)",
                    "[Bürgermeisterin/Bürgermeister A]",
                    "[Anschrift A]",
                ],
                ["[Gemeinde B] (Trägerin der Aufgabe)", "[Bürgermeisterin/Bürgermeister B]", "[Anschrift B]"],
            ],
        ),
        Paragraph(
            "Die Beteiligten schließen auf Grundlage der §§ 1, 23 und 24 des Gesetzes über kommunale "
            "Gemeinschaftsarbeit (GkG NRW) folgende öffentlich-rechtliche Vereinbarung:"
        ),
        Heading("Präambel"),
        Paragraph(
            "[Anlass und Ziel der Zusammenarbeit, z. B. gemeinsame Nutzung von Fachpersonal und Technik]."
        ),
        Section(
            "Gegenstand",
            [
                "Die [Gemeinde A] verpflichtet sich, die Aufgabe [Aufgabe] für die [Gemeinde B] durchzuführen "
                "(§ 23 Abs. 1 Alt. 2 GkG NRW).",
                "Die Rechte und Pflichten der [Gemeinde B] als Trägerin der Aufgabe bleiben unberührt "
                "(§ 23 Abs. 2 Satz 2 GkG NRW).",
                "Die Durchführung umfasst insbesondere:",
                BulletList(["[Teilaufgabe 1]", "[Teilaufgabe 2]", "[Teilaufgabe 3]"]),
            ],
        ),
        Section(
            "Durchführung und Berichte",
            [
                "Die [Gemeinde A] führt die Aufgabe mit eigenem Personal und eigenen Sachmitteln durch.",
                "Sie unterrichtet die [Gemeinde B] [vierteljährlich] über den Stand der Aufgabe und legt bis "
                "zum [Datum] eines jeden Jahres einen Bericht über das Vorjahr vor.",
            ],
        ),
        Section(
            "Mitwirkung",
            [
                "Die [Gemeinde B] wirkt bei [Entscheidungen von grundsätzlicher Bedeutung] mit "
                "(§ 23 Abs. 3 GkG NRW).",
                "An der Bestellung der Dienstkräfte, die die Aufgabe überwiegend wahrnehmen, ist die "
                "[Gemeinde B] zu beteiligen (§ 23 Abs. 3 Halbsatz 2 GkG NRW).",
            ],
        ),
        Section(
            "Entschädigung",
            [
                "Die [Gemeinde B] zahlt der [Gemeinde A] eine angemessene Entschädigung, die die durch die "
                "Durchführung entstehenden Kosten deckt (§ 23 Abs. 4 GkG NRW).",
                "Die Entschädigung wird nach Anlage 1 berechnet. Die [Gemeinde B] leistet [vierteljährliche] "
                "Abschläge; die Schlussabrechnung folgt bis zum [Datum] des Folgejahres.",
                "Die umsatzsteuerliche Behandlung ist nach § 2b UStG geprüft (Anlage 2).",
            ],
        ),
        Section(
            "Laufzeit und Kündigung",
            [
                "Die Vereinbarung wird für [Anzahl] Jahre geschlossen und verlängert sich danach um jeweils "
                "[Anzahl] Jahre, wenn sie nicht gekündigt wird.",
                "Jeder Beteiligte kann die Vereinbarung mit einer Frist von [Anzahl] Monaten zum Ende eines "
                "Kalenderjahres schriftlich kündigen (§ 23 Abs. 5 GkG NRW).",
                "Die Kündigung ist der Aufsichtsbehörde anzuzeigen (§ 24 Abs. 5 GkG NRW).",
            ],
        ),
        Section(
            "Genehmigung und Wirksamwerden",
            [
                "Die Vereinbarung bedarf der Genehmigung der Aufsichtsbehörde (§ 24 Abs. 2 GkG NRW).",
                "Sie wird am Tag nach der Bekanntmachung im Veröffentlichungsblatt der Aufsichtsbehörde "
                "wirksam, soweit nicht ein späterer Zeitpunkt bestimmt ist (§ 24 Abs. 4 GkG NRW). Die Beteiligten "
                "weisen in der für ihre Bekanntmachungen vorgeschriebenen Form auf die Veröffentlichung hin "
                "(§ 24 Abs. 3 Satz 2 GkG NRW).",
            ],
        ),
        Section(
            "Schlussbestimmungen",
            [
                "Änderungen und Ergänzungen dieser Vereinbarung bedürfen der Schriftform (§ 24 Abs. 1 Satz 1 "
                "GkG NRW).",
                "Ist eine Bestimmung unwirksam, bleibt die Vereinbarung im Übrigen wirksam. Die Beteiligten "
                "ersetzen die unwirksame Bestimmung durch eine Regelung, die dem Gewollten am nächsten kommt.",
            ],
        ),
        Heading("Anlagen"),
        BulletList(["Anlage 1: Berechnung der Entschädigung", "Anlage 2: Prüfung nach § 2b UStG"]),
        Signatures(
            [
                "[Bürgermeisterin/Bürgermeister] der [Gemeinde A]",
                "[Bürgermeisterin/Bürgermeister] der [Gemeinde B]",
            ]
        ),
        Paragraph(EXAMPLE_NOTE, note=True),
    ],
)

ZWECKVERBANDSSATZUNG = Document(
    title="Verbandssatzung des Zweckverbands [Name des Zweckverbands]",
    subtitle="Beispiel-Gliederung der Redaktion für einen Freiverband nach § 4 Abs. 1 GkG NRW",
    blocks=[
        Paragraph(
            "Auf Grund der §§ 4, 9 und 10 des Gesetzes über kommunale Gemeinschaftsarbeit (GkG NRW) vereinbaren "
            "die in § 1 genannten Beteiligten folgende Verbandssatzung:"
        ),
        Section(
            "Verbandsmitglieder",
            [
                "Verbandsmitglieder sind die in der folgenden Übersicht genannten Körperschaften mit der dort "
                "genannten Zahl an Stimmen in der Verbandsversammlung.",
                "Der Beitritt weiterer Mitglieder ist eine Änderung dieser Satzung (§ 20 Abs. 1 GkG NRW).",
            ],
        ),
        Table(
            caption="Verbandsmitglieder und Stimmen",
            header=["Verbandsmitglied", "Vertretungsberechtigte Personen", "Stimmen"],
            rows=[
                ["[Gemeinde A]", "[Anzahl]", "[Anzahl]"],
                ["[Gemeinde B]", "[Anzahl]", "[Anzahl]"],
                ["[Kreis C]", "[Anzahl]", "[Anzahl]"],
            ],
        ),
        Section(
            "Name, Sitz, Rechtsform",
            [
                "Der Zweckverband führt den Namen „[Name des Zweckverbands]“ und hat seinen Sitz in [Ort].",
                "Er ist eine Körperschaft des öffentlichen Rechts und verwaltet seine Angelegenheiten im Rahmen "
                "der Gesetze unter eigener Verantwortung (§ 5 Abs. 1 GkG NRW).",
            ],
        ),
        Section(
            "Aufgaben",
            [
                "Der Zweckverband erfüllt für seine Mitglieder folgende Aufgaben (§ 4 Abs. 1 GkG NRW):",
                BulletList(["[Aufgabe 1]", "[Aufgabe 2]"]),
                "[Abgrenzung: welche Teile der Aufgaben bei den Mitgliedern verbleiben].",
            ],
        ),
        Section(
            "Organe",
            [
                "Organe des Zweckverbands sind die Verbandsversammlung und die Verbandsvorsteherin oder der Verbandsvorsteher."
            ],
        ),
        Section(
            "Verbandsversammlung",
            [
                "Jedes Verbandsmitglied entsendet die in § 1 genannte Zahl vertretungsberechtigter Personen "
                "in die Verbandsversammlung (§ 15 Abs. 1 GkG NRW).",
                "Für jedes Mitglied der Verbandsversammlung ist eine stellvertretungsberechtigte Person zu "
                "bestellen (§ 15 Abs. 3 GkG NRW).",
                "[Vorsitz, Einberufung, Beschlussfähigkeit und Geschäftsordnung].",
            ],
        ),
        Section(
            "Verbandsvorsteherin oder Verbandsvorsteher",
            [
                "Die Verbandsversammlung wählt die Verbandsvorsteherin oder den Verbandsvorsteher aus dem Kreis "
                "der Hauptverwaltungsbeamtinnen und Hauptverwaltungsbeamten der Verbandsmitglieder "
                "(§ 16 Abs. 1 GkG NRW).",
                "Die Tätigkeit ist ehrenamtlich (§ 17 Abs. 1 GkG NRW). [Alternative: hauptamtliche "
                "Verbandsvorsteherin oder hauptamtlicher Verbandsvorsteher, wenn Art und Umfang der Aufgaben "
                "es zweckmäßig machen.]",
            ],
        ),
        Section(
            "Bedienstete",
            [
                "[Ob der Zweckverband hauptamtliche Bedienstete einstellt.] Sieht die Satzung das vor, regelt "
                "sie auch die Übernahme der Bediensteten durch die Verbandsmitglieder oder die sonstige "
                "Abwicklung der Dienst- und Versorgungsverhältnisse bei Auflösung oder Aufgabenänderung "
                "(§ 17 Abs. 2 GkG NRW).",
            ],
        ),
        Section(
            "Haushaltswirtschaft",
            [
                "Für die Haushaltswirtschaft gelten die Vorschriften für die Gemeinden sinngemäß "
                "(§ 18 Abs. 1 GkG NRW).",
                "[Optional bei wirtschaftlichem Hauptzweck: Wirtschaftsführung nach den Vorschriften über "
                "die Eigenbetriebe, § 18 Abs. 3 GkG NRW.]",
            ],
        ),
        Section(
            "Deckung des Finanzbedarfs",
            [
                "Soweit seine sonstigen Erträge die Aufwendungen nicht decken, erhebt der Zweckverband von den "
                "Verbandsmitgliedern eine Umlage (§ 19 Abs. 1 GkG NRW).",
                "Die Umlage wird nach [Maßstab, z. B. dem Verhältnis des Nutzens oder der Einwohnerzahl] "
                "bemessen.",
                "Die Umlage wird für jedes Haushaltsjahr in der Haushaltssatzung festgesetzt; die Festsetzung "
                "bedarf der Genehmigung der Aufsichtsbehörde (§ 19 Abs. 2 GkG NRW).",
            ],
        ),
        Section(
            "Öffentliche Bekanntmachungen",
            [
                "Öffentliche Bekanntmachungen des Zweckverbands erfolgen [Form, z. B. im Amtsblatt des Kreises C]."
            ],
        ),
        Section(
            "Änderung der Satzung, Kündigung und Auflösung",
            [
                "Änderungen dieser Satzung und die Auflösung des Zweckverbands bedürfen einer Mehrheit von "
                "zwei Dritteln der satzungsmäßigen Stimmenzahl der Verbandsversammlung; Beschlüsse zur Änderung "
                "der Aufgaben müssen einstimmig gefasst werden (§ 20 Abs. 1 GkG NRW).",
                "Jedes Verbandsmitglied kann seine Mitgliedschaft mit einer Frist von [Anzahl] Monaten zum "
                "[Zeitpunkt] kündigen. Die Auseinandersetzung richtet sich nach [Verfahren] "
                "(§ 9 Abs. 2 Satz 2 Nr. 3 GkG NRW).",
                "Im Fall der Auflösung wird der Zweckverband wie folgt abgewickelt: [Regelung] "
                "(§ 9 Abs. 2 Satz 2 Nr. 2 GkG NRW).",
            ],
        ),
        Section(
            "Inkrafttreten",
            [
                "Diese Satzung bedarf der Genehmigung der Aufsichtsbehörde (§ 10 Abs. 1 GkG NRW). Sie tritt "
                "[am Tag nach ihrer öffentlichen Bekanntmachung] in Kraft.",
            ],
        ),
        Signatures(["[Gemeinde A]", "[Gemeinde B]", "[Kreis C]"]),
        Paragraph(EXAMPLE_NOTE, note=True),
    ],
)

PRESSEMITTEILUNG = Document(
    title="Pressemitteilung: [Gemeinde A] und [Gemeinde B] arbeiten künftig bei [Aufgabe] zusammen",
    subtitle="Vorlage der Redaktion des IKZ-Portals NRW",
    blocks=[
        Paragraph(
            "[Ort], [Datum]. Die Räte von [Gemeinde A] und [Gemeinde B] haben beschlossen, [Aufgabe] ab "
            "[Datum] gemeinsam zu erledigen. Grundlage ist eine öffentlich-rechtliche Vereinbarung nach dem "
            "Gesetz über kommunale Gemeinschaftsarbeit (GkG NRW)."
        ),
        Heading("Was sich für die Bürgerinnen und Bürger ändert"),
        BulletList(["[Öffnungszeiten]", "[Ansprechstellen]", "[Online-Angebote]"]),
        Heading("Zahlen und Fakten"),
        Table(
            header=["Kennzahl", "Wert"],
            rows=[
                ["Beteiligte Kommunen", "[Anzahl]"],
                ["Start der Zusammenarbeit", "[Datum]"],
                ["Erwartete Einsparung pro Jahr", "[Betrag] €"],
            ],
        ),
        Heading("Zitate"),
        Paragraph("„[Zitat Bürgermeisterin/Bürgermeister A]“"),
        Paragraph("„[Zitat Bürgermeisterin/Bürgermeister B]“"),
        Heading("Kontakt für die Presse"),
        Paragraph("[Name], [Telefon], [E-Mail]"),
        Paragraph("Beispiel-Vorlage der Redaktion des IKZ-Portals NRW.", note=True),
    ],
)

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
        "document": OERV_MANDAT,
    },
    {
        "external_id": "demo:muster:zweckverbandssatzung",
        "kind": "template",
        "title": "Muster-Zweckverbandssatzung (Gliederung)",
        "slug": "muster-zweckverbandssatzung",
        "legal_forms": ["zweckverband"],
        "body": "<p>Gliederung einer Verbandssatzung für einen Freiverband nach § 4 Abs. 1 GkG NRW mit Hinweisen zu "
        "jedem Abschnitt.</p>",
        "formats": ["docx", "odt", "pdf"],
        "document": ZWECKVERBANDSSATZUNG,
    },
    {
        "external_id": "demo:oea:pressemitteilung",
        "kind": "pr",
        "title": "Vorlage Pressemitteilung: Start einer interkommunalen Zusammenarbeit",
        "slug": "vorlage-pressemitteilung-ikz-start",
        "legal_forms": [],
        "body": "<p>Vorlage für eine Pressemitteilung zum Start einer Kooperation, mit Platzhaltern für Zitate und "
        "Kennzahlen.</p>",
        "formats": ["docx", "odt", "pdf"],
        "document": PRESSEMITTEILUNG,
    },
]
