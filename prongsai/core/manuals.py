"""Staff work manuals (คู่มือการปฏิบัติงาน): one mechanism for every app.

An app whose records carry an internal procedure (an E-Service service, a
complaint category) keeps it in two concrete models built on the abstract
:class:`ProcedureBase` and :class:`ProcedureStepBase`, writes it with
:func:`procedure_save` from its own audited service, edits it with the
shared forms of :mod:`prongsai.core.manuals_forms`, and offers the manuals
to the rest of the platform in its ``manuals.py`` module::

    MANUALS = ManualSource(label=..., list_manuals=..., get_manual=...)

:func:`manuals_for` gathers them (:func:`prongsai.core.plugins.discover`), so
no app imports another; :func:`manual_pdf` and :func:`manual_docx` print one
manual or a combined volume in the official layout.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Sequence
from typing import Any

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.core.thai_dates import to_arabic_digits as arabic_digits

# --- Time per step ------------------------------------------------------------


class TimeUnit(models.TextChoices):
    MINUTES = "minutes", pgettext_lazy("time unit", "minutes")
    HOURS = "hours", pgettext_lazy("time unit", "hours")
    WORKING_DAYS = "working_days", pgettext_lazy("time unit", "working days")


#: Thai words accepted for each unit when a time is typed as text.
_UNIT_WORDS = {
    TimeUnit.MINUTES: ("นาที", "minute", "minutes", "min"),
    TimeUnit.HOURS: ("ชั่วโมง", "ชม.", "ชม", "hour", "hours"),
    TimeUnit.WORKING_DAYS: ("วันทำการ", "วัน", "working days", "working day", "days"),
}
_TIME_TEXT = re.compile(r"^\s*(\d+)\s*(.*?)\s*$")


def parse_time(text: str) -> tuple[int | None, str]:
    """``(amount, unit)`` of a typed time such as ``15 นาที`` or ``๓ วันทำการ``.

    Empty text gives ``(None, "")``; anything else unreadable raises
    :class:`DomainError` with a Thai message.
    """
    value = arabic_digits(text or "").strip()
    if not value:
        return None, ""
    match = _TIME_TEXT.match(value)
    if match:
        word = match[2].lower()
        for unit, words in _UNIT_WORDS.items():
            if word in words:
                amount = int(match[1])
                if amount < 1:
                    break
                return amount, str(unit)
    raise DomainError(
        gettext(
            "“%(text)s” is not a time: write a number and minutes, hours or "
            "working days, for example 15 นาที."
        )
        % {"text": text}
    )


def time_label(amount: int | None, unit: str) -> str:
    """``15 นาที``; empty when no time is given."""
    if not amount or not unit:
        return ""
    return f"{amount} {TimeUnit(unit).label}"


def total_time(times) -> str:
    """``(amount, unit)`` pairs added up per unit, the largest unit first
    (``3 วันทำการ 1 ชั่วโมง 45 นาที``)."""
    totals: dict[str, int] = {}
    for amount, unit in times:
        if amount and unit in TimeUnit.values:
            totals[unit] = totals.get(unit, 0) + int(amount)
    return " ".join(
        time_label(totals[unit], unit)
        for unit in reversed(TimeUnit.values)
        if unit in totals
    )


# --- Abstract models ----------------------------------------------------------


class ProcedureBase(models.Model):
    """Abstract: the parts of a staff work manual around its steps."""

    objective = models.TextField(_("objective"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    definitions = models.TextField(
        _("definitions"),
        blank=True,
        help_text=_("One per line: term, a colon, its meaning."),
    )
    legal_basis = models.TextField(
        _("standards and legal basis"),
        blank=True,
        help_text=_("One law, regulation or standard per line."),
    )
    forms_used = models.TextField(
        _("forms and records"), blank=True, help_text=_("One form per line.")
    )
    complaint_channels = models.TextField(
        _("complaint channels"),
        blank=True,
        help_text=_("One channel per line. Empty: the organisation's contacts."),
    )

    class Meta:
        abstract = True


class ProcedureStepBase(models.Model):
    """Abstract: one step of a procedure, in ``number`` order."""

    number = models.PositiveSmallIntegerField(_("step"))
    task = models.TextField(_("what is done"))
    responsible = models.CharField(_("responsible unit or position"), max_length=200)
    time_amount = models.PositiveIntegerField(_("time"), null=True, blank=True)
    time_unit = models.CharField(
        _("time unit"), max_length=12, choices=TimeUnit.choices, blank=True
    )
    forms = models.CharField(_("forms used"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.task[:60]}"


PROCEDURE_FIELDS = (
    "objective",
    "scope",
    "definitions",
    "legal_basis",
    "forms_used",
    "complaint_channels",
)


# --- What the staff write -----------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class StepData:
    task: str
    responsible: str = ""
    time_amount: int | None = None
    time_unit: str = ""
    forms: str = ""

    @property
    def time_label(self) -> str:
        return time_label(self.time_amount, self.time_unit)


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProcedureData:
    """A procedure as the staff write it (the shared form's cleaned data)."""

    objective: str = ""
    scope: str = ""
    definitions: str = ""
    legal_basis: str = ""
    forms_used: str = ""
    complaint_channels: str = ""
    steps: tuple[StepData, ...] = ()

    @classmethod
    def of(cls, procedure, steps) -> ProcedureData:
        """The data of a saved (or unsaved) procedure and its steps."""
        return cls(
            **{name: getattr(procedure, name) for name in PROCEDURE_FIELDS},
            steps=tuple(
                StepData(
                    task=step.task,
                    responsible=step.responsible,
                    time_amount=step.time_amount,
                    time_unit=step.time_unit,
                    forms=step.forms,
                )
                for step in steps
            ),
        )


def procedure_data_of(values: dict) -> ProcedureData:
    """A procedure from plain data (demo and template files): the texts by
    name and ``steps`` as ``[task, time, unit, responsible, forms]`` lists."""
    return ProcedureData(
        **{name: str(values.get(name) or "").strip() for name in PROCEDURE_FIELDS},
        steps=tuple(
            StepData(
                task=task,
                time_amount=amount or None,
                time_unit=unit or "",
                responsible=responsible or "",
                forms=forms or "",
            )
            for task, amount, unit, responsible, forms in values.get("steps", [])
        ),
    )


def _check_steps(steps: Sequence[StepData]) -> None:
    for number, step in enumerate(steps, start=1):
        if not step.task.strip():
            raise DomainError(
                gettext("Step %(number)s says nothing about what is done.")
                % {"number": number},
                field="steps",
            )
        if bool(step.time_amount) != bool(step.time_unit):
            raise DomainError(
                gettext("Step %(number)s needs both a time and its unit.")
                % {"number": number},
                field="steps",
            )
        if step.time_unit and step.time_unit not in TimeUnit.values:
            raise DomainError(
                gettext("Step %(number)s has an unknown time unit.")
                % {"number": number},
                field="steps",
            )


def procedure_save(
    procedure: models.Model,
    *,
    steps_of: Callable[[], Any],
    step_model: type[models.Model],
    parent_field: str,
    data: ProcedureData,
) -> dict[str, Any]:
    """Write ``data`` into a procedure and replace its steps; the changes.

    Called by each app's audited service inside its transaction. Steps are
    numbered 1, 2, ... in the order given; ``step_model`` has a ``procedure``
    foreign key and ``parent_field`` is the procedure's key to its record.
    """
    _check_steps(data.steps)
    values = {name: getattr(data, name).strip() for name in PROCEDURE_FIELDS}
    if procedure.pk is None:
        for name, value in values.items():
            setattr(procedure, name, value)
        procedure.full_clean(exclude=[parent_field])
        procedure.save()
        changes: dict[str, Any] = {
            name: value for name, value in values.items() if value
        }
    else:
        changes = model_update(procedure, values, PROCEDURE_FIELDS)
    old = [
        (s.task, s.responsible, s.time_amount, s.time_unit, s.forms) for s in steps_of()
    ]
    new = [
        (s.task.strip(), s.responsible.strip(), s.time_amount, s.time_unit, s.forms)
        for s in data.steps
    ]
    if old != new:
        steps_of().delete()
        step_model._default_manager.bulk_create(
            step_model(
                procedure=procedure,
                number=number,
                task=task,
                responsible=responsible,
                time_amount=amount,
                time_unit=unit,
                forms=forms.strip(),
            )
            for number, (task, responsible, amount, unit, forms) in enumerate(
                new, start=1
            )
        )
        changes["steps"] = len(new)
        # Steps are bulk-created (no signals): saving the procedure marks the
        # manual updated and tells the listeners (OIT readiness) once.
        procedure.save(update_fields=["updated_at"])
    return changes


# --- Manuals as documents -----------------------------------------------------


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


@dataclasses.dataclass(frozen=True, kw_only=True)
class Manual:
    """One staff work manual, as an app offers it to the registry."""

    source: str
    pk: int
    title: str
    kind_label: str
    organization: Any
    responsible_unit: str
    procedure: ProcedureData
    time_limit: str = ""
    updated_at: datetime.datetime | None = None
    citizen_manual_url: str = ""

    @property
    def steps(self) -> tuple[StepData, ...]:
        return self.procedure.steps

    @property
    def definitions(self) -> list[tuple[str, str]]:
        pairs = []
        for line in _lines(self.procedure.definitions):
            term, _sep, meaning = line.partition(":")
            pairs.append((term.strip(), meaning.strip()))
        return pairs

    @property
    def legal_basis(self) -> tuple[str, ...]:
        return _lines(self.procedure.legal_basis)

    @property
    def forms(self) -> tuple[str, ...]:
        """Forms of the procedure, then those named in steps and not yet
        listed."""
        seen: dict[str, None] = dict.fromkeys(_lines(self.procedure.forms_used))
        for step in self.steps:
            for form in step.forms.split(","):
                form = form.strip()
                # "แบบ ข.1" of a step is already in "แบบ ข.1 คำขออนุญาต...".
                if form and not any(form in listed for listed in seen):
                    seen[form] = None
        return tuple(seen)

    @property
    def complaint_channels(self) -> tuple[str, ...]:
        channels = _lines(self.procedure.complaint_channels)
        if channels:
            return channels
        organization = self.organization
        found = [organization.name]
        if getattr(organization, "phone", ""):
            found.append(gettext("Phone %(phone)s") % {"phone": organization.phone})
        if getattr(organization, "email", ""):
            found.append(gettext("E-mail %(email)s") % {"email": organization.email})
        return tuple(found)

    @property
    def responsibilities(self) -> list[tuple[str, list[int]]]:
        """Each responsible unit or position with the steps it does."""
        found: dict[str, list[int]] = {}
        for number, step in enumerate(self.steps, start=1):
            if step.responsible.strip():
                found.setdefault(step.responsible.strip(), []).append(number)
        return list(found.items())

    @property
    def total_time(self) -> str:
        """The steps' times added up per unit (``3 วันทำการ 45 นาที``)."""
        return total_time((s.time_amount, s.time_unit) for s in self.steps)

    def gaps(self) -> list[str]:
        """What the manual lacks to be complete, in Thai (empty: complete)."""
        if not self.steps:
            return ["ขั้นตอนการปฏิบัติงาน"]
        gaps = []
        for number, step in enumerate(self.steps, start=1):
            missing = []
            if not step.task.strip():
                missing.append("งานที่ทำ")
            if not (step.time_amount and step.time_unit):
                missing.append("ระยะเวลา")
            if not step.responsible.strip():
                missing.append("ผู้รับผิดชอบ")
            if missing:
                gaps.append(f"ขั้นตอนที่ {number} ขาด{'และ'.join(missing)}")
        return gaps

    @property
    def is_complete(self) -> bool:
        return not self.gaps()


@dataclasses.dataclass(frozen=True)
class ManualSource:
    """What an app's ``manuals.py`` declares as ``MANUALS``."""

    label: Any
    list_manuals: Callable[[Any], list[Manual]]
    get_manual: Callable[[Any, int], Manual | None]


def manual_sources() -> dict[str, ManualSource]:
    """Every app's manual source by app label, in ``INSTALLED_APPS`` order."""
    from prongsai.core.plugins import discover

    return dict(discover("manuals", "MANUALS"))


def manuals_for(organization) -> list[Manual]:
    """Every manual the organisation's apps offer."""
    found: list[Manual] = []
    for source in manual_sources().values():
        found.extend(source.list_manuals(organization))
    return found


def manual_get(organization, source: str, pk: int) -> Manual | None:
    """One manual by its app and record id, or ``None``."""
    offered = manual_sources().get(source)
    return offered.get_manual(organization, pk) if offered else None


def manual_url(manual: Manual, fmt: str = "pdf") -> str:
    from django.urls import reverse

    return reverse(
        "eservices-public:manual-document",
        kwargs={
            "org": manual.organization.slug,
            "source": manual.source,
            "pk": manual.pk,
            "fmt": fmt,
        },
    )


# --- Renderers ----------------------------------------------------------------


def _volume_title(manuals: Sequence[Manual]) -> str:
    if len(manuals) == 1:
        return manuals[0].title
    return gettext("All procedures")


def manual_pdf(manuals: Sequence[Manual], *, organization) -> bytes:
    """One manual, or a combined volume of several, as a PDF."""
    from prongsai.core.documents import render_pdf

    return render_pdf(
        "manuals/manual_pdf.html",
        {
            "manuals": list(manuals),
            "organization": organization,
            "volume_title": _volume_title(manuals),
            "today": timezone.localdate(),
        },
    )


def manual_docx(manuals: Sequence[Manual], *, organization) -> bytes:
    """The same manual(s) as an editable DOCX, chapter for chapter."""
    from prongsai.core import thai_dates
    from prongsai.core.documents_docx import (
        docx_bytes,
        docx_document,
        docx_heading,
        docx_paragraph,
        docx_table,
    )

    with translation.override("th"):
        doc = docx_document()
        docx_paragraph(doc, gettext("Staff work manual"), bold=True, align="center")
        docx_heading(doc, _volume_title(manuals), 0)
        docx_paragraph(doc, organization.name, align="center")
        docx_paragraph(
            doc, thai_dates.format_date(timezone.localdate(), "long"), align="center"
        )
        for manual in manuals:
            _docx_manual(doc, manual, docx_heading, docx_paragraph, docx_table)
        return docx_bytes(doc)


def _docx_manual(doc, manual: Manual, heading, paragraph, table) -> None:
    doc.add_page_break()
    heading(doc, f"{gettext('Staff work manual')}: {manual.title}", 1)
    paragraph(doc, f"{manual.kind_label} · {manual.responsible_unit}")
    sections = [
        (gettext("1. Objective"), manual.procedure.objective or "—"),
        (gettext("2. Scope"), manual.procedure.scope or "—"),
    ]
    for title, text in sections:
        heading(doc, title, 2)
        paragraph(doc, text, align="thai_justify")
    heading(doc, gettext("3. Definitions"), 2)
    for term, meaning in manual.definitions or [("—", "")]:
        paragraph(doc, f"{term} {meaning}".strip())
    heading(doc, gettext("4. Responsibilities"), 2)
    table(
        doc,
        [gettext("Responsible unit or position"), gettext("Steps")],
        [
            [who, ", ".join(str(n) for n in numbers)]
            for who, numbers in manual.responsibilities
        ]
        or [[manual.responsible_unit, ""]],
        widths=[10, 6],
    )
    heading(doc, gettext("5. Process flow"), 2)
    table(
        doc,
        [
            gettext("No."),
            gettext("What is done"),
            gettext("Time"),
            gettext("Responsible"),
            gettext("Forms used"),
        ],
        [
            [str(n), step.task, step.time_label, step.responsible, step.forms]
            for n, step in enumerate(manual.steps, start=1)
        ],
        widths=[1.2, 6.3, 2.5, 3.5, 2.5],
    )
    if manual.total_time:
        paragraph(doc, gettext("Total time: %(time)s") % {"time": manual.total_time})
    for title, lines in (
        (gettext("6. Standards and legal basis"), manual.legal_basis),
        (gettext("7. Forms and records"), manual.forms),
        (gettext("8. Complaint channels"), manual.complaint_channels),
    ):
        heading(doc, title, 2)
        for number, line in enumerate(lines or ("—",), start=1):
            paragraph(doc, f"{number}. {line}" if lines else line)


def manual_response(manuals: Sequence[Manual], *, organization, fmt: str, name: str):
    """Download ``manuals`` as ``pdf`` (inline) or ``docx``."""
    from prongsai.core.documents import (
        CONTENT_TYPE_DOCX,
        CONTENT_TYPE_PDF,
        file_response,
    )

    with translation.override("th"):
        filename = gettext("Staff work manual %(name)s") % {"name": name}
    if fmt == "docx":
        return file_response(
            manual_docx(manuals, organization=organization),
            filename=filename + ".docx",
            content_type=CONTENT_TYPE_DOCX,
        )
    return file_response(
        manual_pdf(manuals, organization=organization),
        filename=filename + ".pdf",
        content_type=CONTENT_TYPE_PDF,
        attachment=False,
    )
