"""Viewer grants, the LAO directory import and the region selectors."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.audit import AuditEvent
from prongsai.core.errors import DomainError
from prongsai.organizations.directory import kind_of
from prongsai.organizations.mfa import user_needs_mfa_setup, user_requires_mfa
from prongsai.organizations.models import DirectoryEntry, ViewerGrant
from prongsai.organizations.provinces import PROVINCES, province_name
from prongsai.organizations.selectors_regions import (
    ProvinceRow,
    access_province,
    rank_rows,
    sort_rows,
    viewer_scope_get,
)
from prongsai.organizations.services_regions import (
    directory_import,
    directory_match,
    viewer_grant_create,
    viewer_grant_revoke,
)
from prongsai.organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "lao_directory_sample.csv"
HEADER = "รหัส อปท.,ชื่อ อปท.,ประเภท,อำเภอ,จังหวัด,เว็บไซต์\n"


def _import(text: str, filename="list.csv", encoding="utf-8"):
    return directory_import(
        actor=None, content=text.encode(encoding), filename=filename
    )


# --- provinces ---------------------------------------------------------------


def test_provinces_are_the_77_with_unique_codes():
    assert len(PROVINCES) == 77
    assert len({code for code, _name in PROVINCES}) == 77
    assert province_name("40") == "ขอนแก่น"
    assert province_name("จังหวัดอุดรธานี") == "อุดรธานี"
    assert province_name("จ. ขอนแก่น") == "ขอนแก่น"
    assert province_name("Atlantis") is None


# --- the directory -------------------------------------------------------------


def test_sample_file_imports_with_thai_digits_codes_and_inferred_kind():
    bandong = OrganizationFactory(
        dla_code="6400108", name="องค์การบริหารส่วนตำบลบ้านดง", province="ขอนแก่น"
    )
    nongbua = OrganizationFactory(
        dla_code="5300412",
        name="เทศบาลตำบลหนองบัว",
        kind="tambon_municipality",
        province="ขอนแก่น",
    )
    result = directory_import(
        actor=None, content=SAMPLE.read_bytes(), filename=SAMPLE.name
    )
    assert (result.rows, result.created, result.updated) == (7, 7, 0)
    assert result.matched == 2
    pao = DirectoryEntry.objects.get(dla_code="6400001")  # ๖๔๐๐๐๐๑ in the file
    assert (pao.kind, pao.province) == ("pao", "ขอนแก่น")
    assert pao.website == "https://www.kkpao.example"
    assert DirectoryEntry.objects.get(dla_code="6400002").website == (
        "http://www.kkmuni.example"
    )
    assert DirectoryEntry.objects.get(dla_code="6400003").district == "บ้านไผ่"
    udon = DirectoryEntry.objects.get(dla_code="4100001")
    assert (udon.kind, udon.province) == ("pao", "อุดรธานี")  # kind from the name
    # By code, and by name + province when the codes differ.
    assert DirectoryEntry.objects.get(dla_code="6400108").organization == bandong
    assert DirectoryEntry.objects.get(dla_code="6400999").organization == nongbua
    assert AuditEvent.objects.filter(action="directory.import").count() == 1


def test_import_again_updates_changed_rows_only():
    _import(HEADER + "6400001,อบจ.ขอนแก่น,อบจ.,เมือง,ขอนแก่น,\n")
    result = _import(
        HEADER
        + "6400001,องค์การบริหารส่วนจังหวัดขอนแก่น,อบจ.,เมือง,ขอนแก่น,\n"
        + "6400002,เทศบาลนครขอนแก่น,ทน.,เมือง,ขอนแก่น,\n"
    )
    assert (result.created, result.updated) == (1, 1)
    assert DirectoryEntry.objects.get(dla_code="6400001").name == (
        "องค์การบริหารส่วนจังหวัดขอนแก่น"
    )


def test_cp874_csv_is_read():
    result = _import(
        HEADER + "6400001,องค์การบริหารส่วนจังหวัดขอนแก่น,อบจ.,เมือง,ขอนแก่น,\n",
        encoding="cp874",
    )
    assert result.created == 1
    assert DirectoryEntry.objects.get().name == "องค์การบริหารส่วนจังหวัดขอนแก่น"


def test_xlsx_is_read():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["รายชื่อ อปท."])
    sheet.append(["รหัส อปท.", "ชื่อ อปท.", "ประเภท", "อำเภอ", "จังหวัด"])
    sheet.append([6400108, "องค์การบริหารส่วนตำบลบ้านดง", "อบต.", "อุบลรัตน์", "ขอนแก่น"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = directory_import(actor=None, content=buffer.getvalue(), filename="x.xlsx")
    assert result.created == 1
    entry = DirectoryEntry.objects.get()
    assert (entry.dla_code, entry.kind) == ("6400108", "sao")


def test_one_bad_row_imports_nothing_and_names_every_row():
    _import(HEADER + "6400001,อบจ.ขอนแก่น,อบจ.,เมือง,ขอนแก่น,\n")
    with pytest.raises(DomainError) as error:
        _import(
            HEADER
            + "6400002,เทศบาลนครขอนแก่น,ทน.,เมือง,ขอนแก่น,\n"  # row 2: fine
            + "12AB,เทศบาลเมืองบ้านไผ่,ทม.,บ้านไผ่,ขอนแก่น,\n"  # row 3
            + "6400004,ที่ไหนสักแห่ง,ประเภทอื่น,ไม่มี,แอตแลนติส,\n"  # row 4
            + "6400002,เทศบาลนครขอนแก่น,ทน.,เมือง,ขอนแก่น,\n"  # row 5: twice
            + "6400005,เทศบาลตำบลก,ทต.,ก,ขอนแก่น,not a url\n"  # row 6
        )
    message = error.value.message
    assert "แถว 3" in message and "12AB" in message
    assert "แถว 4" in message and "แอตแลนติส" in message and "ประเภทอื่น" in message
    assert "แถว 5" in message and "แถว 2" in message
    assert "แถว 6" in message and "not a url" in message
    assert list(DirectoryEntry.objects.values_list("dla_code", flat=True)) == [
        "6400001"
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "หัวตาราง"),
        ("ชื่อ,ที่อยู่\nก,ข\n".encode(), "หัวตาราง"),
        (HEADER.encode(), "ไม่มี"),
        (b"PK\x03\x04 not really a workbook", "XLSX"),
        (b"\xff\xfe\x00\xd8", ""),
    ],
)
def test_bad_files_give_thai_errors(content, expected):
    with pytest.raises(DomainError) as error:
        directory_import(actor=None, content=content, filename="x.csv")
    assert error.value.message
    assert expected in error.value.message
    assert not DirectoryEntry.objects.exists()


def test_many_bad_rows_are_cut_short():
    rows = "".join(f"x{n},ก,อบต.,ก,ขอนแก่น,\n" for n in range(30))
    with pytest.raises(DomainError) as error:
        _import(HEADER + rows)
    assert "อีก 10" in error.value.message


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("อบต.", "", "sao"),
        ("ทต.", "", "tambon_municipality"),
        ("เทศบาลเมือง", "", "town_municipality"),
        ("เทศบาลนคร", "", "city_municipality"),
        ("องค์การบริหารส่วนจังหวัด", "", "pao"),
        ("", "เทศบาลตำบลหนองบัว", "tambon_municipality"),
        ("", "อบต.บ้านดง", "sao"),
        ("", "บ้านดง", None),
        ("เทศบาล", "", None),
    ],
)
def test_kinds(kind, name, expected):
    assert kind_of(kind, name) == expected


def test_match_follows_new_and_changed_organisations():
    _import(HEADER + "6400108,องค์การบริหารส่วนตำบลบ้านดง,อบต.,อุบลรัตน์,ขอนแก่น,\n")
    entry = DirectoryEntry.objects.get()
    assert entry.organization is None
    org = OrganizationFactory(name="องค์การบริหารส่วนตำบลบ้านดง", province="ขอนแก่น")
    assert directory_match() == 1
    entry.refresh_from_db()
    assert entry.organization == org
    # The same name in another province is not the same organisation.
    org.province = "อุดรธานี"
    org.save()
    assert directory_match() == 0
    entry.refresh_from_db()
    assert entry.organization is None


def test_command_imports_and_refuses_bad_files(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "6400001,อบจ.ขอนแก่น,อบจ.,เมือง,ขอนแก่น,\n")
    out = io.StringIO()
    call_command("import_lao_directory", str(good), stdout=out)
    assert "1" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "x,อบจ.ขอนแก่น,อบจ.,เมือง,ขอนแก่น,\n")
    with pytest.raises(CommandError, match="แถว 2"):
        call_command("import_lao_directory", str(bad))
    with pytest.raises(CommandError):
        call_command("import_lao_directory", str(tmp_path / "missing.csv"))


# --- viewer grants -------------------------------------------------------------


def test_grant_by_code_and_scopes():
    user = UserFactory()
    grant = viewer_grant_create(actor=None, user=user, scope="province", province="40")
    assert grant.province == "ขอนแก่น"
    # Granting twice gives the same grant.
    again = viewer_grant_create(
        actor=None, user=user, scope="province", province="ขอนแก่น"
    )
    assert again.pk == grant.pk
    scope = viewer_scope_get(user=user)
    assert scope.provinces == {"ขอนแก่น"} and not scope.national
    assert scope.covers("ขอนแก่น") and not scope.covers("อุดรธานี")
    assert AuditEvent.objects.filter(action="viewer.grant").count() == 1


def test_only_superusers_grant():
    with pytest.raises(DomainError):
        viewer_grant_create(actor=UserFactory(), user=UserFactory(), scope="national")
    operator = UserFactory(is_superuser=True)
    grant = viewer_grant_create(actor=operator, user=UserFactory(), scope="national")
    assert grant.granted_by == operator
    with pytest.raises(DomainError):
        viewer_grant_revoke(actor=UserFactory(), grant=grant)
    viewer_grant_revoke(actor=operator, grant=grant)
    assert not ViewerGrant.objects.exists()


def test_unknown_province_is_refused():
    with pytest.raises(DomainError, match="แอตแลนติส"):
        viewer_grant_create(
            actor=None, user=UserFactory(), scope="province", province="แอตแลนติส"
        )


def test_operator_and_superuser_see_the_country():
    user = UserFactory()
    viewer_grant_create(actor=None, user=user, scope="operator")
    scope = viewer_scope_get(user=user)
    assert scope.national and scope.operator
    boss = viewer_scope_get(user=UserFactory(is_superuser=True))
    assert boss.national and boss.operator
    assert not viewer_scope_get(user=UserFactory()).any


def test_viewers_need_totp_like_staff():
    user = UserFactory()
    assert not user_requires_mfa(user)
    viewer_grant_create(actor=None, user=user, scope="province", province="ขอนแก่น")
    assert user_requires_mfa(user) and user_needs_mfa_setup(user)
    assert not user_needs_mfa_setup(UserFactory(totp=True))


def test_access_province_is_404_outside_the_scope():
    from django.http import Http404

    user = UserFactory()
    viewer_grant_create(actor=None, user=user, scope="province", province="ขอนแก่น")
    scope = viewer_scope_get(user=user)
    assert access_province(scope=scope, province="ขอนแก่น") == "ขอนแก่น"
    for other in ("อุดรธานี", "nowhere"):
        with pytest.raises(Http404):
            access_province(scope=scope, province=other)


def test_grant_command(capsys):
    UserFactory(email="pk@khonkaen.example")
    call_command("grant_viewer", "pk@khonkaen.example", "--province", "40")
    assert ViewerGrant.objects.get().province == "ขอนแก่น"
    call_command("grant_viewer", "pk@khonkaen.example", "--province", "40", "--revoke")
    assert not ViewerGrant.objects.exists()
    with pytest.raises(CommandError):
        call_command("grant_viewer", "nobody@example.org", "--national")


# --- ranking and sorting ---------------------------------------------------------


class _Summary:
    def __init__(self, ita=None, oit=None):
        self.ita_total = None if ita is None else Decimal(ita)
        self.oit_readiness = oit
        self.eservice_in_time_percent = None
        self.complaints_received = 0


def _rows(totals):
    return [
        ProvinceRow(
            dla_code=str(n),
            name=f"อบต.{n:03d}",
            kind="อบต.",
            district="",
            website="",
            organization=None,
            summary=_Summary(total) if total is not None else None,
        )
        for n, total in enumerate(totals)
    ]


def test_no_rank_under_the_minimum_sample():
    rows = _rows([90, 80, None])
    assert rank_rows(rows, min_for_rank=30) is False
    assert all(r.rank is None for r in rows)


def test_rank_from_the_minimum_with_shared_ranks():
    totals = [Decimal(60 + n) for n in range(29)] + [Decimal(88), None]
    rows = _rows(totals)
    assert rank_rows(rows, min_for_rank=30) is True
    by_total = {r.ita_total: r.rank for r in rows if r.ita_total is not None}
    assert by_total[Decimal(88)] == 1
    assert by_total[Decimal(60)] == 30
    assert rows[-1].rank is None  # no ITA, no rank
    tied = _rows([90, 90, 85] + [50] * 27)
    rank_rows(tied, min_for_rank=30)
    assert [r.rank for r in tied[:3]] == [1, 1, 3]


def test_sort_puts_rows_without_figures_last():
    rows = _rows([70, None, 90])
    sort_rows(rows, "ita", descending=True)
    assert [r.ita_total for r in rows] == [Decimal(90), Decimal(70), None]
    sort_rows(rows, "ita", descending=False)
    assert [r.ita_total for r in rows] == [Decimal(70), Decimal(90), None]
    sort_rows(rows, "bogus", descending=False)
    assert [r.name for r in rows] == sorted(r.name for r in rows)
