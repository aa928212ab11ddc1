"""Back-office and public forms of the procurement register."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai_dates
from prongsai.core.date_fields import ThaiDateInput

from . import identifiers, parsing_cells
from .indicators import IndicatorCode
from .models import PlanItem, Procurement, ProcurementDocument
from .services import PROCUREMENT_FIELDS
from .services_year import PLAN_FIELDS
from .vocab import BudgetCategory, Method, Status

DATE_WIDGET = ThaiDateInput()
DATE_FIELDS = (
    "procured_on",
    "contract_date",
    "contract_start",
    "contract_end",
    "inspection_date",
    "payment_date",
)


def _tax_id(value: str, field_label) -> str:
    value = identifiers.clean_digits(value)
    if value and not (
        identifiers.is_valid_thai_id(value) or identifiers.is_masked_id(value)
    ):
        raise ValidationError(
            _("“%(value)s” is not a valid 13-digit Thai tax ID."),
            params={"value": value},
        )
    return value


MONTH_YEARS_BACK = 3  # the month list covers this many past fiscal years


def _month_key(day: datetime.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _month_from_key(value: str) -> datetime.date:
    year, month = value.split("-")
    return datetime.date(int(year), int(month), 1)


def report_month_choices(
    *, today: datetime.date, extra: datetime.date | None = None
) -> list[tuple[str, str]]:
    """The months of the current and past fiscal years, newest first, and
    ``extra`` (a record's own month) when older."""
    this_year = thai_dates.fiscal_year(today)
    first, _last = thai_dates.fiscal_year_bounds(this_year - MONTH_YEARS_BACK)
    _first, last = thai_dates.fiscal_year_bounds(this_year)
    months = []
    day = first
    while day <= last:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    if extra is not None and extra.replace(day=1) not in months:
        months.append(extra.replace(day=1))
    months.sort(reverse=True)
    return [("", _("By its date"))] + [
        (_month_key(month), thai_dates.format_date(month, style="month"))
        for month in months
    ]


class ProcurementForm(forms.ModelForm):
    report_month = forms.TypedChoiceField(
        label=_("Month recorded under"),
        required=False,
        coerce=_month_from_key,
        empty_value=None,
        help_text=_(
            "The month of the monthly summary this procurement is recorded "
            "under; the procurement date must fall in it."
        ),
    )
    supplier_name = forms.CharField(
        label=_("Selected supplier"), max_length=300, required=False
    )
    supplier_tax_id = forms.CharField(
        label=_("Supplier's tax ID"),
        max_length=17,
        required=False,
        help_text=_("13 digits; a natural person's ID is never published."),
    )
    bids = forms.CharField(
        label=_("Bidders and their prices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One bidder a line: name | tax ID | price, e.g. "
            "ร้านสมหวังการค้า | 3400100012345 | 12,500"
        ),
    )

    confirm_new = forms.BooleanField(
        label=_("This is a different purchase: add it as a new record"),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Procurement
        fields = [name for name in PROCUREMENT_FIELDS if name != "plan_item"]
        widgets = dict.fromkeys(DATE_FIELDS, DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = list(self.fields)
        order.remove("report_month")
        order.insert(order.index("procured_on") + 1, "report_month")
        self.order_fields(order)
        self.fields["fiscal_year"].required = False
        self.fields["fiscal_year"].help_text = _(
            "Leave empty to take it from the procurement date."
        )
        instance = self.instance
        if instance.pk:
            del self.fields["confirm_new"]
        own_month = instance.procured_on if instance.pk else None
        self.fields["report_month"].choices = report_month_choices(
            today=timezone.localdate(), extra=own_month
        )
        if own_month is not None and not self.is_bound:
            # An edit keeps the record in its month unless the officer moves it.
            self.initial.setdefault("report_month", _month_key(own_month))
        if instance.pk and not self.is_bound:
            if instance.supplier_id:
                self.initial["supplier_name"] = instance.supplier.name
                self.initial["supplier_tax_id"] = instance.supplier.tax_id
            self.initial["bids"] = "\n".join(
                f"{b.supplier.name} | {b.supplier.tax_id} | {b.price:,.2f}"
                for b in instance.bids.select_related("supplier")
            )

    def _post_clean(self):
        """Model rules are checked by the service, which sees the supplier too."""

    def ask_to_confirm(self) -> None:
        """Show the "add it as new" box: the purchase looks like a recorded one."""
        self.fields["confirm_new"].widget = forms.CheckboxInput()

    def clean_supplier_tax_id(self):
        return _tax_id(self.cleaned_data["supplier_tax_id"], _("tax ID"))

    def clean_egp_project_number(self):
        value = identifiers.clean_digits(self.cleaned_data["egp_project_number"])
        if value and not identifiers.is_valid_egp_number(value):
            raise ValidationError(
                _(
                    "The e-GP project number is 11 digits, the first two the "
                    "Buddhist-era year, e.g. 68049205582."
                )
            )
        return value

    def clean_bids(self):
        bids = []
        for number, line in enumerate(self.cleaned_data["bids"].splitlines(), 1):
            if not line.strip():
                continue
            try:
                if "|" in line:
                    parts = [p.strip() for p in line.split("|")]
                    name = parsing_cells.clean_name(parts[0])
                    tax_id = _tax_id(parts[1], "") if len(parts) > 2 else ""
                    price = parsing_cells.parse_amount(parts[-1])
                else:
                    pairs = parsing_cells.parse_name_prices(line)
                    if len(pairs) != 1:
                        raise ValidationError("")
                    name, tax_id, price = pairs[0].name, pairs[0].tax_id, pairs[0].price
            except (ValidationError, parsing_cells.CellError, IndexError):
                price, name, tax_id = None, "", ""
            if not name or price is None:
                raise ValidationError(
                    _("Line %(line)s: write the bidder as name | tax ID | price."),
                    params={"line": number},
                )
            bids.append({"name": name, "tax_id": tax_id, "price": str(price)})
        return bids

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agreed_price") is not None and not cleaned.get("supplier_name"):
            self.add_error(
                "supplier_name",
                _("Name the selected supplier when there is an agreed price."),
            )
        procured_on = cleaned.get("procured_on")
        report_month = cleaned.get("report_month")
        if procured_on and report_month:
            outside = parsing_cells.date_outside_month(procured_on, report_month)
            if outside:
                self.add_error("procured_on", outside)
        if procured_on and not cleaned.get("fiscal_year"):
            cleaned["fiscal_year"] = thai_dates.fiscal_year(procured_on)
        return cleaned


class DocumentForm(forms.ModelForm):
    url = forms.URLField(
        label=_("link"), max_length=1000, required=False, assume_scheme="https"
    )

    class Meta:
        model = ProcurementDocument
        fields = ["kind", "title", "published_on", "file", "url"]
        widgets = {"published_on": DATE_WIDGET}


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = list(PLAN_FIELDS)
        widgets = {"expected_month": DATE_WIDGET, "published_on": DATE_WIDGET}


class NoProcurementMonthForm(forms.Form):
    # A month, not a day: the browser's month picker (YYYY-MM).
    month = forms.DateField(
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "month"}),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "XLSX or CSV in the สขร.1 layout or the e-GP/CGD open-data layout, "
            "with Thai headers."
        ),
    )
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year"),
        required=False,
        min_value=2540,
        max_value=2700,
        help_text=_("Optional: warn about dates outside this fiscal year."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 20 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise ValidationError(_("Upload an .xlsx or .csv file."))
        return upload


class ReportNoteForm(forms.Form):
    problems = forms.CharField(
        label=_("Problems and constraints"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    proposals = forms.CharField(
        label=_("Improvement proposals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


MONTH_CHOICES = [("", _("All months"))] + [
    (str(m), lazy(thai_dates.month_name, str)(m)) for m in (10, 11, 12, *range(1, 10))
]


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    year = forms.TypedChoiceField(
        label=_("Fiscal year"), required=False, coerce=int, empty_value=None
    )
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        choices=MONTH_CHOICES,
        coerce=int,
        empty_value=None,
    )
    method = forms.ChoiceField(
        label=_("Method"),
        required=False,
        choices=[("", _("All methods")), *Method.choices],
    )
    budget_category = forms.ChoiceField(
        label=_("Budget category"),
        required=False,
        choices=[("", _("All categories")), *BudgetCategory.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Status.choices],
    )

    indicator = forms.ChoiceField(
        label=_("Risk indicator"),
        required=False,
        choices=[("", _("All records")), *IndicatorCode.choices],
    )

    def __init__(self, *args, years=(), indicators: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [
            (str(y), str(y)) for y in years
        ]
        if not indicators:  # the public does not see them unless the organisation says
            del self.fields["indicator"]
        for name, field in self.fields.items():
            css = "form-control" if name == "q" else "form-select"
            field.widget.attrs.setdefault("class", css)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "fiscal_year": data.get("year"),
            "month": data.get("month"),
            "method": data.get("method") or "",
            "budget_category": data.get("budget_category") or "",
            "status": data.get("status") or "",
            "indicator": data.get("indicator") or "",
        }


ZERO = Decimal("0")
