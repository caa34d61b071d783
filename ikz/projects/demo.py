"""Demo content: the real examples plus invented ones, marked "Beispiel", so every facet has entries.

`projects_demo_setup()` is idempotent (examples are keyed by `external_id`); the demo set-up
calls it after the register and the task areas exist.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from ikz.core.taxonomy import LegalForm as LF
from ikz.core.taxonomy import TaskArea
from ikz.municipalities.models import Municipality

from .importer import projects_examples_import
from .models import DatePrecision, ModerationStatus, Phase, Project, ProjectParticipant

# key, title, task areas, legal form, phase, start (year, month) or None, [AGS, first = lead], summary, benefits
EXAMPLES = [
    ("vergabestelle-ahlen-beckum", "Gemeinsame Vergabestelle Ahlen, Beckum und Sendenhorst", ["vergabestelle"],
     LF.OERV, Phase.BETRIEB, (2019, 4), ["05570004", "05570008", "05570040"],
     "Ahlen führt die Vergabeverfahren oberhalb von 25.000 Euro für alle drei Städte durch.",
     "Rund 15 % kürzere Verfahrensdauer; Vertretung bei Urlaub und Krankheit gesichert."),
    ("standesamt-lemgo-salzuflen", "Interkommunales Standesamt Lemgo und Bad Salzuflen", ["standesamt"],
     LF.OERV, Phase.VORBEREITUNG, (2025, 1), ["05766044", "05766008"],
     "Beide Städte bereiten einen gemeinsamen Standesamtsbezirk mit zwei Trauorten vor.",
     "Erwartet: längere Öffnungszeiten und ein gemeinsamer Vertretungspool."),
    ("bauakte-hoexter", "Digitale Bauakte im Kreis Höxter", ["bauaufsicht", "it-digitalisierung"],
     LF.ARBEITSGEMEINSCHAFT, Phase.AUFBAU, (2023, 6), ["05762", "05762016", "05762004"],
     "Kreis und Städte führen ein gemeinsames Verfahren für digitale Bauanträge ein.",
     "Ziel: Bearbeitungszeit von 10 auf 6 Wochen senken."),
    ("klimaschutz-coesfeld", "Klimaschutzmanagement Coesfelder Land", ["klimaschutz"],
     LF.ARBEITSGEMEINSCHAFT, Phase.BETRIEB, (2021, 1), ["05558016", "05558032", "05558020", "05558004"],
     "Vier Kommunen teilen sich zwei Klimaschutzmanagerinnen und ein Energie-Controlling.",
     "Zwei geförderte Stellen statt vier halber; gemeinsame Berichte."),
    ("musikschule-lippstadt", "Zweckverband Musikschule Lippstadt, Erwitte und Geseke", ["musikschule"],
     LF.ZWECKVERBAND, Phase.BETRIEB, (2015, 8), ["05974028", "05974016", "05974020"],
     "Die Musikschule wird von einem Zweckverband getragen; Unterricht an allen drei Orten.",
     "Breiteres Angebot, einheitliche Entgelte."),
    ("abwasser-goch", "Abwasserwerk Niederrhein (gemeinsames Kommunalunternehmen)", ["abwasser"],
     LF.GKU, Phase.BETRIEB, (2017, 1), ["05154016", "05154032", "05154004"],
     "Eine gemeinsame Anstalt des öffentlichen Rechts betreibt Kanalnetz und Kläranlagen.",
     "Einsparung rund 400.000 € pro Jahr gegenüber drei Eigenbetrieben."),
    ("tourismus-siebengebirge", "Tourismus Siebengebirge GmbH", ["wirtschaft-tourismus"],
     LF.PRIVATRECHTLICH, Phase.BETRIEB, (2016, 3), ["05382024", "05382008"],
     "Gemeinsame Vermarktung des Siebengebirges durch eine kommunale GmbH.",
     "Ein gemeinsamer Auftritt statt zwei; höhere Übernachtungszahlen."),
    ("mobilstationen-guetersloh", "Mobilstationen im Kreis Gütersloh", ["verkehr-mobilitaet"],
     LF.OER_VERTRAG, Phase.ANBAHNUNG, (2026, 1), ["05754", "05754044", "05754020"],
     "Kreis und Gemeinden planen ein gemeinsames Netz von Mobilstationen.",
     "Gemeinsame Förderanträge und einheitliche Gestaltung."),
    ("sportstaetten-witten", "Gemeinsame Sportstättenplanung Witten und Hattingen", ["sport-freizeit"],
     LF.INFORMELL, Phase.IDEE, None, ["05954036", "05954016"],
     "Zwei Nachbarstädte prüfen, ob sie Hallen und Bäder gemeinsam planen.",
     "Noch offen."),
    ("jugendhilfe-bochum-herne", "Bereitschaftsdienst der Jugendhilfe Bochum und Herne", ["soziales-jugend-gesundheit"],
     LF.OER_VERTRAG, Phase.BEENDET, (2012, 1), ["05911000", "05916000"],
     "Ein gemeinsamer Rufbereitschaftsdienst außerhalb der Dienstzeiten (bis 2020).",
     "Vier Stellen weniger in der Rufbereitschaft; 2020 wieder getrennt."),
    ("archiv-bergisch", "Gemeinsames Stadtarchiv im Bergischen Land", ["archiv"],
     LF.OERV, Phase.ANBAHNUNG, (2025, 9), ["05374036", "05378032", "05374016"],
     "Drei Städte prüfen ein gemeinsames Magazin und eine gemeinsame Archivarin.",
     "Erwartet: fachgerechte Lagerung ohne drei Neubauten."),
    ("ordnungsamt-eschweiler", "Kommunaler Ordnungsdienst Eschweiler und Stolberg", ["ordnungsamt"],
     LF.OERV, Phase.VORBEREITUNG, (2024, 5), ["05334012", "05334032"],
     "Ein gemeinsamer Außendienst übernimmt Streifen an Wochenenden.",
     "Wochenenddienst ohne zusätzliche Stellen."),
    ("personal-hochsauerland", "Personalgewinnung im Hochsauerland", ["personal"],
     LF.ARBEITSGEMEINSCHAFT, Phase.IDEE, (2026, 2), ["05958", "05958032", "05958044"],
     "Gemeinsame Ausbildungsmessen und ein gemeinsames Karriereportal.",
     "Noch offen."),
    ("bevoelkerungsschutz-steinfurt", "Sirenen und Krisenstäbe im Kreis Steinfurt", ["bevoelkerungsschutz"],
     LF.INFORMELL, Phase.AUFBAU, (2024, 1), ["05566", "05566068", "05566004"],
     "Abgestimmte Sirenenplanung und gemeinsame Stabsübungen.",
     "Einheitliche Warnung im ganzen Kreis."),
    ("bibliothek-bielefeld", "Onleihe-Verbund Bielefeld und Borgholzhausen", ["bibliothek"],
     LF.OER_VERTRAG, Phase.BETRIEB, (2018, 10), ["05711000", "05754004"],
     "Die kleinere Stadt nutzt das digitale Angebot der Stadtbibliothek Bielefeld.",
     "Digitale Ausleihe für Borgholzhausen ohne eigene Lizenzen."),
]  # fmt: skip


@transaction.atomic
def projects_examples_create(*, now=None) -> int:
    now = now or timezone.now()
    register = {m.ags: m for m in Municipality.objects.only("id", "ags", "short_name", "type", "level")}
    areas = {t.slug: t for t in TaskArea.objects.all()}
    written = 0
    for key, title, area_slugs, legal_form, phase, start, ags_list, summary, benefits in EXAMPLES:
        members = [register[a] for a in ags_list if a in register]
        if len(members) < 2:
            continue  # register not loaded (a test with a few Körperschaften)
        project = Project.objects.filter(external_id=f"beispiel-{key}").first() or Project(
            external_id=f"beispiel-{key}"
        )
        project.title, project.summary, project.benefits = title, summary, benefits
        project.situation = "Beispielprojekt: Die Angaben sind erfunden und dienen der Veranschaulichung."
        project.is_example = True
        project.legal_form, project.phase = legal_form, phase
        project.start_date = datetime.date(start[0], start[1], 1) if start else None
        project.start_precision = DatePrecision.MONTH
        project.moderation_status = ModerationStatus.APPROVED
        project.live, project.has_unpublished_changes = True, False
        project.first_published_at = project.first_published_at or now
        project.last_published_at = project.last_published_at or now
        project.last_confirmed_at = now
        project.task_areas = [areas[s] for s in area_slugs if s in areas]
        project.participants = [
            ProjectParticipant(
                sort_order=i, municipality=m, role="lead" if i == 0 else "partner",
                contact_name="Beispiel-Ansprechperson", contact_email=f"ikz-{m.ags}@beispiel.invalid",
            )
            for i, m in enumerate(members)
        ]  # fmt: skip
        project.save()
        if project.latest_revision_id is None:
            project.save_revision(clean=False, changed=False)
        written += 1
    return written


def projects_demo_setup() -> dict[str, int]:
    """The ten real examples and the invented ones; safe to call again."""
    return {"real": projects_examples_import(), "examples": projects_examples_create()}
