"""Back-office views of the procurement register (thin: forms → services)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.document_jobs import document_job_url, document_request
from prongsai.core.errors import DomainError
from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import (
    exports,
    exports_files,
    selectors,
    selectors_feed,
    selectors_indicators,
    selectors_register,
    services,
    services_import,
    services_register,
    services_year,
)
from .forms import (
    DocumentForm,
    ImportForm,
    NoProcurementMonthForm,
    PlanItemForm,
    ProcurementForm,
    ReportNoteForm,
)
from .indicators import DISCLAIMER
from .panels import panels_for
from .permissions import can_manage_procurement, can_view_procurement
from .views_public import current_fiscal_year, export_response, list_page, year_month

PAGE_SIZE = 50
IMPORT_PAGE_SIZE = 100  # rows, errors or warnings of an import per page


def _url(organization, name: str, **kwargs) -> str:
    return reverse(
        f"procurement-staff:{name}", kwargs={"org": organization.slug, **kwargs}
    )


def _list_url(organization) -> str:
    return _url(organization, "list")


def _detail_url(organization, pk) -> str:
    return _url(organization, "detail", pk=pk)


def _can_manage(request) -> bool:
    return can_manage_procurement(request.user, request.membership)


def _require_manage(request) -> None:
    """Readers (executives) see the pages; only officers change anything."""
    if request.method not in ("GET", "HEAD") and not _can_manage(request):
        raise PermissionDenied


@org_staff_view(can_view_procurement)
def procurement_list(request, organization):
    context = list_page(request, organization, PAGE_SIZE, staff=True)
    fiscal_year = context["fiscal_year"] = (
        context["fiscal_year"] or current_fiscal_year()
    )
    return render(
        request,
        "procurement/staff/list.html",
        {
            **context,
            "no_month_form": NoProcurementMonthForm(),
            "no_months": selectors.no_procurement_month_list(
                organization=organization, fiscal_year=fiscal_year
            ),
            "export_formats": exports.STAFF_FORMATS,
            "months": exports.fiscal_months(fiscal_year),
            "read_only": not _can_manage(request),
        },
    )


def _hand_row(data: dict) -> dict:
    """A hand entry in the form of a parsed row, for matching."""

    def text(value):
        return "" if value is None else str(value)

    def day(value):
        return value.isoformat() if value else None

    return {
        "title": data.get("title") or "",
        "procured_on": day(data.get("procured_on")),
        "contract_date": day(data.get("contract_date")),
        "egp_project_number": data.get("egp_project_number") or "",
        "supplier_name": data.get("supplier_name") or "",
        "supplier_tax_id": data.get("supplier_tax_id") or "",
        "budget_amount": text(data.get("budget_amount")) or None,
        "agreed_price": text(data.get("agreed_price")) or None,
    }


def _save_procurement(request, organization, procurement=None):
    form = ProcurementForm(request.POST or None, instance=procurement)
    lookalikes: list = []

    def save(data):
        confirmed = data.pop("confirm_new", False)
        if procurement is None:
            if not confirmed:
                lookalikes.extend(
                    selectors_register.lookalikes(
                        organization=organization, values=_hand_row(data)
                    )
                )
                if lookalikes:
                    form.ask_to_confirm()
                    raise DomainError(
                        _(
                            "This looks like a purchase already in the register; "
                            "check the records below."
                        )
                    )
            return services.procurement_create(
                actor=request.user, organization=organization, **data
            )
        services.procurement_update(actor=request.user, procurement=procurement, **data)
        return procurement

    response = handle_form(
        request,
        form,
        on_valid=lambda data: save(dict(data)),
        success_message=_("The procurement was added.")
        if procurement is None
        else _("The procurement was saved."),
        redirect_to=lambda saved: _detail_url(organization, saved.pk),
    )
    if response:
        return response
    return render(
        request,
        "procurement/staff/form.html",
        {
            "organization": organization,
            "form": form,
            "procurement": procurement,
            "lookalikes": lookalikes,
        },
    )


@org_staff_view(can_manage_procurement)
def procurement_create(request, organization):
    return _save_procurement(request, organization)


@org_staff_view(can_manage_procurement)
def procurement_edit(request, organization, pk):
    procurement = selectors.access_procurement(organization=organization, pk=pk)
    return _save_procurement(request, organization, procurement)


@org_staff_view(can_view_procurement)
def procurement_detail(request, organization, pk):
    _require_manage(request)
    procurement = selectors.access_procurement(organization=organization, pk=pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.document_add(
            actor=request.user, procurement=procurement, **data
        ),
        success_message=_("The document was added."),
        redirect_to=_detail_url(organization, procurement.pk),
    )
    if response:
        return response
    return render(
        request,
        "procurement/staff/detail.html",
        {
            "organization": organization,
            "procurement": procurement,
            "bids": procurement.bids.select_related("supplier"),
            "documents": procurement.documents.all(),
            "form": form,
            "flags": selectors_indicators.flag_list(procurement=procurement),
            "indicator_disclaimer": DISCLAIMER,
            "panels": panels_for(request=request, procurement=procurement),
            "sources": selectors_register.source_rows(procurement=procurement),
            "announcements": selectors_feed.announcements_for(procurement=procurement),
            "read_only": not _can_manage(request),
        },
    )


@require_POST
@org_staff_view(can_manage_procurement)
def procurement_delete(request, organization, pk):
    procurement = selectors.access_procurement(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.procurement_delete(
            actor=request.user, procurement=procurement
        ),
        success_message=_("The procurement was deleted."),
        redirect_to=_list_url(organization),
    )


@require_POST
@org_staff_view(can_manage_procurement)
def document_delete(request, organization, pk):
    document = selectors.access_document(organization=organization, pk=pk)
    procurement = document.procurement
    return run_action(
        request,
        lambda: services.document_remove(actor=request.user, document=document),
        success_message=_("The document was removed."),
        redirect_to=_detail_url(organization, procurement.pk),
    )


def _year_asked(request) -> int:
    """``?year=``, else (also when it is not a number) the current fiscal year."""
    try:
        return int(request.GET.get("year") or 0) or current_fiscal_year()
    except ValueError:
        return current_fiscal_year()


def _plan_year_url(organization, item) -> str:
    url = _url(organization, "plan")
    return f"{url}?year={item.fiscal_year}"


@org_staff_view(can_view_procurement)
def plan(request, organization):
    _require_manage(request)
    years = selectors.procurement_years(organization=organization)
    fiscal_year = _year_asked(request)
    form = PlanItemForm(request.POST or None, initial={"fiscal_year": fiscal_year})
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services_year.plan_item_create(
            actor=request.user, organization=organization, **data
        ),
        success_message=_("The plan item was added."),
        redirect_to=lambda item: _plan_year_url(organization, item),
    )
    if response:
        return response
    return render(
        request,
        "procurement/staff/plan.html",
        {
            "organization": organization,
            "form": form,
            "fiscal_year": fiscal_year,
            "years": sorted({*years, fiscal_year}, reverse=True),
            "items": selectors.plan_item_list(
                organization=organization, fiscal_year=fiscal_year
            ),
            "read_only": not _can_manage(request),
        },
    )


@org_staff_view(can_manage_procurement)
def plan_item_edit(request, organization, pk):
    item = selectors.access_plan_item(organization=organization, pk=pk)
    form = PlanItemForm(request.POST or None, instance=item)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services_year.plan_item_update(
            actor=request.user, item=item, **data
        ),
        success_message=_("The plan item was saved."),
        redirect_to=lambda _result: _plan_year_url(organization, item),
    )
    if response:
        return response
    return render(
        request,
        "procurement/staff/plan_item_form.html",
        {"organization": organization, "form": form, "item": item},
    )


@require_POST
@org_staff_view(can_manage_procurement)
def plan_item_delete(request, organization, pk):
    item = selectors.access_plan_item(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services_year.plan_item_delete(actor=request.user, item=item),
        success_message=_("The plan item was deleted."),
        redirect_to=_url(organization, "plan"),
    )


@require_POST
@org_staff_view(can_manage_procurement)
def no_month_declare(request, organization):
    form = NoProcurementMonthForm(request.POST)

    def declare():
        if not form.is_valid():
            raise DomainError(_("Choose a month."))
        return services_year.no_procurement_month_declare(
            actor=request.user,
            organization=organization,
            month=form.cleaned_data["month"],
            note=form.cleaned_data["note"],
        )

    return run_action(
        request,
        declare,
        success_message=_("The month without procurement was recorded."),
        redirect_to=_list_url(organization),
    )


@require_POST
@org_staff_view(can_manage_procurement)
def no_month_withdraw(request, organization, pk):
    record = selectors.access_no_procurement_month(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services_year.no_procurement_month_withdraw(
            actor=request.user, record=record
        ),
        success_message=_("The declaration was withdrawn."),
        redirect_to=_list_url(organization),
    )


@org_staff_view(can_manage_procurement)
def import_upload(request, organization):
    form = ImportForm(request.POST or None, request.FILES or None)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services_import.import_preview(
            actor=request.user,
            organization=organization,
            filename=data["file"].name,
            content=data["file"].read(),
            fiscal_year=data.get("fiscal_year"),
        ),
        redirect_to=lambda batch: _url(organization, "import-preview", pk=batch.pk),
    )
    if response:
        return response
    return render(
        request,
        "procurement/staff/import_upload.html",
        {
            "organization": organization,
            "form": form,
            "imports": selectors.import_list(organization=organization),
        },
    )


class CountedPaginator(Paginator):
    """A paginator given the number of objects instead of counting them."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def _decisions(post) -> dict[int, dict]:
    """The officer's choices on the preview: ``row-<id>`` is "new" or
    "merge-<record id>", ``row-<id>-<field>`` is "existing" or "incoming"."""
    decisions: dict[int, dict] = {}
    for pk in post.getlist("rows"):
        if not pk.isdigit():
            continue
        choice = post.get(f"row-{pk}", "")
        fields = {
            key.split("-", 2)[2]: value
            for key, value in post.items()
            if key.startswith(f"row-{pk}-") and value in ("existing", "incoming")
        }
        if choice == "new":
            decisions[int(pk)] = {"action": "create"}
        elif choice.startswith("merge-") and choice[6:].isdigit():
            decisions[int(pk)] = {
                "action": "merge",
                "target": int(choice[6:]),
                "fields": fields,
            }
        elif fields:
            decisions[int(pk)] = {"action": "merge", "fields": fields}
    return decisions


@org_staff_view(can_manage_procurement)
def import_preview(request, organization, pk):
    batch = selectors.access_import(organization=organization, pk=pk)
    if request.method == "POST" and "decide" in request.POST:
        return run_action(
            request,
            lambda: services_register.import_decide(
                actor=request.user, batch=batch, decisions=_decisions(request.POST)
            ),
            success_message=_("Your decisions were saved."),
            redirect_to=request.get_full_path(),
        )
    if request.method == "POST":
        return run_action(
            request,
            lambda: services_import.import_commit(actor=request.user, batch=batch),
            success_message=lambda outcome: (
                _(
                    "Imported: %(created)s added, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                % outcome
            ),
            redirect_to=lambda outcome: (
                _list_url(organization)
                if outcome is not None
                else request.get_full_path()
            ),
        )
    # Rows, errors and warnings are each read one page at a time: the page
    # stays small however many rows the file had.
    # The batch stores its counts, so no page counts the rows again.
    plan = batch.result.get("plan") or {}
    sections = {
        "rows": ("page", selectors.import_rows(batch=batch), batch.row_count),
        "errors": (
            "errors_page",
            selectors.import_errors(batch=batch),
            batch.error_count,
        ),
        "warnings": (
            "warnings_page",
            selectors.import_warnings(batch=batch),
            batch.warning_count,
        ),
        "attention": (
            "attention_page",
            selectors_register.import_attention(batch=batch),
            plan.get("uncertain", 0) + plan.get("conflict", 0),
        ),
    }
    context = {
        "organization": organization,
        "batch": batch,
        "plan": plan,
        "sheets": _sheet_rows(batch),
    }
    for name, (param, queryset, count) in sections.items():
        paginator = CountedPaginator(queryset, IMPORT_PAGE_SIZE, count=count)
        context[f"{name}_page"] = paginator.get_page(request.GET.get(param))
        others = request.GET.copy()
        others.pop(param, None)
        context[f"{name}_query"] = others.urlencode()
    context["attention"] = selectors_register.attention_items(
        context["attention_page"].object_list
    )
    return render(request, "procurement/staff/import_preview.html", context)


def _sheet_rows(batch) -> list[dict]:
    """Per-sheet summary of the preview, with Thai reasons."""
    rows = []
    for sheet in batch.result.get("sheets") or []:
        rows.append(
            {
                **sheet,
                "note_text": selectors_register.SHEET_NOTES.get(sheet.get("note"), ""),
                "skipped_text": [
                    {
                        "reason": selectors_register.SKIP_LABELS.get(
                            s["reason"], s["reason"]
                        ),
                        "rows": ", ".join(str(r) for r in s["rows"][:20])
                        + ("…" if len(s["rows"]) > 20 else ""),
                        "count": s["count"],
                    }
                    for s in sheet.get("skipped", [])
                ],
            }
        )
    return rows


@org_staff_view(can_manage_procurement)
def report_notes(request, organization):
    fiscal_year = _year_asked(request)
    note = selectors.report_note(organization=organization, fiscal_year=fiscal_year)
    form = ReportNoteForm(
        request.POST or None,
        initial={
            "problems": note.problems if note else "",
            "proposals": note.proposals if note else "",
        },
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services_year.report_note_save(
            actor=request.user,
            organization=organization,
            fiscal_year=fiscal_year,
            **data,
        ),
        success_message=_("The notes for the annual report were saved."),
        redirect_to=_url(organization, "report-notes") + f"?year={fiscal_year}",
    )
    if response:
        return response
    return render(
        request,
        "procurement/staff/report_notes.html",
        {"organization": organization, "form": form, "fiscal_year": fiscal_year},
    )


@org_staff_view(can_view_procurement)
def export(request, organization, fmt):
    """A download; the annual report not made yet for the current data is made
    in the background, followed on its own page (``core.document_jobs``)."""
    fiscal_year, month = year_month(request, organization)
    if fmt in exports.PUBLIC_ANNUAL_FORMATS:
        params = {
            "fmt": fmt,
            "fiscal_year": fiscal_year,
            "indicators": selectors_indicators.indicators_visible(
                organization=organization, staff=True
            ),
        }
        if not exports_files.annual_document_ready(organization=organization, **params):
            job = document_request(
                organization=organization,
                kind="procurement.annual",
                params=params,
                requested_by=request.user,
            )
            return redirect(document_job_url(job))
    return export_response(
        organization=organization,
        fmt=fmt,
        fiscal_year=fiscal_year,
        month=month,
        staff=True,
    )
