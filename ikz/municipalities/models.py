from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.core.collation import collated

from .names import make_slug


class Regierungsbezirk(models.TextChoices):
    DUESSELDORF = "Düsseldorf", "Düsseldorf"
    KOELN = "Köln", "Köln"
    MUENSTER = "Münster", "Münster"
    DETMOLD = "Detmold", "Detmold"
    ARNSBERG = "Arnsberg", "Arnsberg"


class MunicipalityType(models.TextChoices):
    KREISFREIE_STADT = "kreisfreie Stadt", _("Kreisfreie Stadt")
    STADT = "Stadt", _("Kreisangehörige Stadt")
    GEMEINDE = "Gemeinde", _("Gemeinde")
    KREIS = "Kreis", _("Kreis")


class Level(models.TextChoices):
    GEMEINDE = "gemeinde", _("Gemeinde-Ebene")
    KREIS = "kreis", _("Kreis-Ebene")


class MunicipalityQuerySet(models.QuerySet):
    def gemeinden(self):
        return self.filter(level=Level.GEMEINDE)

    def kreise(self):
        return self.filter(level=Level.KREIS)

    def kreis_level(self):
        """The 53 units at Kreis level: 31 Kreise and 22 kreisfreie Städte."""
        return self.filter(models.Q(level=Level.KREIS) | models.Q(type=MunicipalityType.KREISFREIE_STADT))

    def kreisfrei(self):
        return self.filter(type=MunicipalityType.KREISFREIE_STADT)

    def neighbours_of(self, municipality: "Municipality", *, level: str | None = None):
        """Units sharing a border with `municipality` at `level` (default: its own level).

        A kreisfreie Stadt has neighbours at both levels: Gemeinden (Ratingen for Düsseldorf)
        and Kreis-level units (Kreis Mettmann); the default for it is the Gemeinde level.
        """
        level = level or municipality.level
        return self.filter(neighbour_of__municipality=municipality, neighbour_of__level=level)


class Municipality(models.Model):
    """A Körperschaft of the register: a Gemeinde (8-digit AGS) or a Kreis (5-digit key).

    Loaded from the Destatis Gemeindeverzeichnis (see data/README.md); edited only by the
    import, so the register stays identical to its source.
    """

    ags = models.CharField(_("Amtlicher Gemeindeschlüssel"), max_length=8, unique=True)
    name = models.CharField(_("Amtlicher Name"), max_length=120)
    short_name = models.CharField(_("Name"), max_length=120, db_index=True)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=120)
    level = models.CharField(_("Ebene"), max_length=10, choices=Level.choices)
    type = models.CharField(_("Art"), max_length=20, choices=MunicipalityType.choices)
    gv100_type_code = models.CharField(_("GV100-Textkennzeichen"), max_length=4, blank=True)
    kreis = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="gemeinden",
        verbose_name=_("Kreis"),
        help_text=_("Leer bei kreisfreien Städten und bei Kreisen."),
    )
    regierungsbezirk = models.CharField(
        _("Regierungsbezirk"), max_length=20, choices=Regierungsbezirk.choices
    )
    population = models.PositiveIntegerField(_("Einwohner"), null=True, blank=True)
    area_km2 = models.DecimalField(_("Fläche (km²)"), max_digits=9, decimal_places=2, null=True, blank=True)
    plz = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    lat = models.FloatField(_("Breite (Mittelpunkt)"), null=True, blank=True)
    lon = models.FloatField(_("Länge (Mittelpunkt)"), null=True, blank=True)
    verwaltungssitz = models.CharField(_("Verwaltungssitz"), max_length=120, blank=True)
    boundary = models.JSONField(
        _("Grenze (GeoJSON, WGS84)"),
        null=True,
        blank=True,
        help_text=_("Polygon aus BKG VG5000; bei Kreisen der Umriss des Kreises."),
    )
    map_path = models.TextField(
        _("Kartenpfad (SVG)"),
        blank=True,
        editable=False,
        help_text=_("Beim Import aus der Grenze projiziert (svgmap.py)."),
    )
    map_bbox = models.JSONField(_("Kartenausschnitt"), null=True, blank=True, editable=False)
    search_text = models.CharField(
        _("Suchtext"),
        max_length=400,
        blank=True,
        editable=False,
        help_text=_("Namen in Kleinbuchstaben mit und ohne Umlaute, für die Suche."),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = [collated("short_name"), "ags"]  # German order (DIN 5007-1) on both databases
        verbose_name = _("Körperschaft")
        verbose_name_plural = _("Körperschaften")
        indexes = [models.Index(fields=["level", "type"]), models.Index(fields=["regierungsbezirk"])]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = make_slug(self.short_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("municipalities:detail", kwargs={"ags": self.ags, "slug": self.slug})

    @property
    def display_name(self) -> str:
        """Name as people say it: "Stadt Düsseldorf", "Kreis Düren", "Gemeinde Kürten"."""
        if self.type == MunicipalityType.KREIS:
            if "kreis" in self.short_name.lower() or "städteregion" in self.short_name.lower():
                return self.short_name
            return f"Kreis {self.short_name}"
        if self.type == MunicipalityType.GEMEINDE:
            return f"Gemeinde {self.short_name}"
        return f"Stadt {self.short_name}"

    @property
    def is_kreis_level(self) -> bool:
        return self.level == Level.KREIS or self.type == MunicipalityType.KREISFREIE_STADT

    @property
    def neighbours(self) -> "MunicipalityQuerySet":
        """Neighbours at this unit's own level (Gemeinden for Gemeinden, Kreis level for Kreise)."""
        return Municipality.objects.neighbours_of(self)


class Neighbourship(models.Model):
    """One direction of a shared border; the import stores both directions.

    Computed from the VG5000 boundaries (see neighbours.py), never edited by hand.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="neighbour_links", verbose_name=_("Körperschaft")
    )
    neighbour = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="neighbour_of", verbose_name=_("Nachbar")
    )
    level = models.CharField(_("Ebene"), max_length=10, choices=Level.choices)
    border_km = models.DecimalField(_("Gemeinsame Grenze (km)"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("Nachbarschaft")
        verbose_name_plural = _("Nachbarschaften")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "neighbour", "level"], name="unique_neighbourship"
            ),
            models.CheckConstraint(
                condition=~models.Q(municipality=models.F("neighbour")), name="neighbourship_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.neighbour}"
