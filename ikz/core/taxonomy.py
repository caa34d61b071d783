"""The shared vocabulary of the portal: task areas (editable) and legal forms (fixed by law)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class LegalForm(models.TextChoices):
    """Forms of cooperation (GkG NRW and beyond); see DOMAIN.md."""

    ARBEITSGEMEINSCHAFT = "arbeitsgemeinschaft", _("Arbeitsgemeinschaft (§§ 2–3 GkG NRW)")
    ZWECKVERBAND = "zweckverband", _("Zweckverband (§§ 4–22a GkG NRW)")
    OERV = "oerv", _("Öffentlich-rechtliche Vereinbarung (§§ 23–26 GkG NRW)")
    GKU = "gku", _("Gemeinsames Kommunalunternehmen (§§ 27–28 GkG NRW)")
    PRIVATRECHTLICH = "privatrechtlich", _("Privatrechtliche Form (§ 1 Abs. 3 GkG NRW)")
    OER_VERTRAG = "oer_vertrag", _("Öffentlich-rechtlicher Vertrag (§ 54 VwVfG NRW)")
    INFORMELL = "informell", _("Informelle Zusammenarbeit")


class TaskAreaQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)


class TaskArea(index.Indexed, models.Model):
    """Aufgabenbereich: an editable two-level taxonomy shared by library and projects."""

    name = models.CharField(_("Bezeichnung"), max_length=120)
    slug = models.SlugField(_("Kurzname"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("Übergeordneter Bereich"),
    )
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    objects = TaskAreaQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("parent"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Aufgabenbereich")
        verbose_name_plural = _("Aufgabenbereiche")

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name


# The starting vocabulary from DOMAIN.md; the Redaktion edits it in the admin afterwards.
TASK_AREAS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "Allgemeine Verwaltung und Back-Office",
        "verwaltung",
        [
            ("Personal", "personal"),
            ("Beihilfe", "beihilfe"),
            ("Vergabestelle", "vergabestelle"),
            ("Kasse", "kasse"),
            ("Rechnungsprüfung", "rechnungspruefung"),
        ],
    ),
    ("IT und Digitalisierung", "it-digitalisierung", []),
    (
        "Bürgerservice",
        "buergerservice",
        [
            ("Bürgerbüro", "buergerbuero"),
            ("Standesamt", "standesamt"),
            ("Meldewesen", "meldewesen"),
        ],
    ),
    (
        "Ordnung und Sicherheit",
        "ordnung-sicherheit",
        [
            ("Ordnungsamt", "ordnungsamt"),
            ("Feuerwehr", "feuerwehr"),
            ("Bevölkerungsschutz", "bevoelkerungsschutz"),
        ],
    ),
    (
        "Bauen und Planen",
        "bauen-planen",
        [
            ("Bauaufsicht", "bauaufsicht"),
            ("Bauleitplanung", "bauleitplanung"),
            ("Bauhof", "bauhof"),
        ],
    ),
    (
        "Umwelt und Ver-/Entsorgung",
        "umwelt-entsorgung",
        [
            ("Abfall", "abfall"),
            ("Abwasser", "abwasser"),
            ("Energie", "energie"),
            ("Klimaschutz", "klimaschutz"),
        ],
    ),
    ("Soziales, Jugend und Gesundheit", "soziales-jugend-gesundheit", []),
    (
        "Bildung und Kultur",
        "bildung-kultur",
        [
            ("Schulen", "schulen"),
            ("Volkshochschule", "vhs"),
            ("Musikschule", "musikschule"),
            ("Bibliothek", "bibliothek"),
            ("Archiv", "archiv"),
        ],
    ),
    ("Wirtschaft und Tourismus", "wirtschaft-tourismus", []),
    ("Verkehr und Mobilität", "verkehr-mobilitaet", []),
    ("Sport und Freizeit", "sport-freizeit", []),
]


def task_areas_sync(model=None) -> None:
    """Create the starting task areas where missing; never overwrites the Redaktion's edits.

    `model` lets the data migration pass its historical model.
    """
    model = model or TaskArea
    for position, (name, slug, children) in enumerate(TASK_AREAS, start=1):
        parent, _created = model.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": position * 10}
        )
        for child_position, (child_name, child_slug) in enumerate(children, start=1):
            model.objects.get_or_create(
                slug=child_slug,
                defaults={"name": child_name, "parent": parent, "sort_order": child_position * 10},
            )
