"""Models of the library: one module per kind of entry."""

from .base import (  # noqa: F401
    LegalFormOption,
    LibraryEntryPage,
    LibraryEntryTag,
    LibraryFolderPage,
    LibraryIndexPage,
    RelatedEntry,
)
from .checklist import ChecklistPage, ChecklistRun, ChecklistStep, ChecklistStepState  # noqa: F401
from .documents import DocumentText, EntryDocument  # noqa: F401
from .entries import LiteraturePage, PublicRelationsPage, RulingPage, TemplatePage  # noqa: F401
from .law import Jurisdiction, LawIndexPage, LawPage, LawSection, LawSectionVersion  # noqa: F401
