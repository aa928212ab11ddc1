"""Demo E-Service data for ``prongsai load_demo``: catalogue and several fiscal years
of requests, worked through the real services so that the history is complete."""

from __future__ import annotations

import dataclasses
import functools
import random
from datetime import datetime, time, timedelta
from pathlib import Path

import yaml
from django.utils import timezone

from prongsai.accounts.models import User
from prongsai.core import thai_dates
from prongsai.core.manuals import procedure_data_of

from . import (
    selectors,
    services,
    services_filing,
    services_manuals,
    services_workflow,
)
from .models import Channel, Service, Status

FIRST_NAMES = [
    "สมศรี",
    "บุญมี",
    "ทองใบ",
    "สุดา",
    "ประยูร",
    "มาลัย",
    "ชัยวัฒน์",
    "อำไพ",
    "สมบัติ",
    "จันทร์ดี",
    "วิชัย",
    "นงลักษณ์",
]
LAST_NAMES = ["ใจดี", "ศรีสุข", "บุญมา", "คำแก้ว", "พรหมมา", "แสนดี", "ทองคำ", "มีสุข"]
TEXTS = [
    "หน้าบ้านเลขที่ 12 ใกล้ศาลาประชาคม",
    "ขอความอนุเคราะห์ด่วน",
    "ซอยข้างวัด ทางเข้าหมู่บ้าน",
    "ตรงข้ามโรงเรียนบ้านดง",
    "ใช้ในงานบุญประจำปีของหมู่บ้าน",
]
JUMP_REASONS = [
    "ผู้ป่วยติดเตียงในครัวเรือน ขาดน้ำดื่ม",
    "สายไฟพาดกิ่งไม้ เสี่ยงไฟฟ้าลัดวงจร",
    "คำสั่งนายก ให้ดำเนินการเร่งด่วนเพื่อความปลอดภัยของนักเรียน",
]
COMMENTS = {
    5: ["เจ้าหน้าที่บริการดีมาก รวดเร็ว", "ประทับใจครับ", ""],
    4: ["ดี แต่รอนานนิดหน่อย", ""],
    3: ["พอใช้", ""],
    2: ["รอนานเกินไป", "ซ่อมแล้วยังดับอีก"],
    1: ["ไม่มีใครติดต่อกลับเลย"],
}


@functools.cache
def _demo_procedures() -> dict[str, dict]:
    """The demo staff work manuals by service code (data/demo_procedures.yaml)."""
    path = Path(__file__).parent / "data" / "demo_procedures.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _answers(rng: random.Random, fields: list[dict], organization) -> dict:
    answers: dict = {}
    for field in fields:
        kind = field["type"]
        if kind == "text":
            answers[field["code"]] = rng.choice(TEXTS)
        elif kind == "number":
            big = field["code"] in ("liters", "floor_area")
            answers[field["code"]] = str(
                rng.choice([1000, 2000, 4000, 120]) if big else rng.randint(1, 5)
            )
        elif kind == "date":
            answers[field["code"]] = (
                timezone.localdate() + timedelta(days=rng.randint(3, 30))
            ).isoformat()
        elif kind == "choice":
            answers[field["code"]] = rng.choice(field["choices"])
        elif kind == "multichoice":
            answers[field["code"]] = rng.sample(field["choices"], k=1)
        elif kind == "location":
            answers[field["code"]] = {
                "moo": str(rng.randint(1, 12)),
                "subdistrict": organization.subdistrict,
                "district": organization.district,
                "province": organization.province,
                "lat": f"{16.40 + rng.random() / 20:.6f}",
                "lng": f"{102.80 + rng.random() / 20:.6f}",
            }
    return answers


def _load(organization, *, templates: list[dict], per_month: int) -> None:
    # Other apps' demos may have added services of their own (the asset loans
    # of integrity): the catalogue is loaded unless a starter template is in.
    if Service.objects.filter(
        organization=organization,
        template_code__in=[template["code"] for template in templates],
    ).exists():
        return
    rng = random.Random(organization.slug)  # noqa: S311 - repeatable demo data
    officer = User.objects.filter(email=f"service@{organization.slug}.example").first()
    admin = User.objects.filter(email=f"admin@{organization.slug}.example").first()
    actor = officer or admin
    catalogue = []
    for template in templates:
        service = services.service_adopt(
            actor=admin, organization=organization, template=template
        )
        if officer is not None:
            services.service_update(
                actor=admin,
                service=service,
                details=dataclasses.replace(
                    services.ServiceDetails.from_service(service), officer=officer
                ),
            )
        catalogue.append(service)
        procedure = _demo_procedures().get(service.code)
        if procedure is not None:
            services_manuals.service_procedure_update(
                actor=admin, service=service, data=procedure_data_of(procedure)
            )
    now = timezone.now()
    tz = timezone.get_current_timezone()
    first_year = thai_dates.fiscal_year(now) - 2
    start, _end = thai_dates.fiscal_year_bounds(first_year)
    day = start
    while day < timezone.localdate(now):
        batch = []
        daily = per_month / 30 / 3
        for _i in range(sum(rng.random() < daily for _j in range(3))):
            when = datetime.combine(day, time(8, 30), tz) + timedelta(
                minutes=rng.randint(0, 8 * 60)
            )
            if when >= now:
                continue
            service = rng.choice(catalogue)
            version = service.form_versions.order_by("-number").first()
            channel = rng.choice([Channel.WEB, Channel.WEB, Channel.WALK_IN])
            batch.append(
                services_filing.request_file(
                    actor=actor if channel == Channel.WALK_IN else None,
                    organization=organization,
                    service=service,
                    answers=_answers(rng, version.fields, organization),
                    citizen_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    citizen_phone=f"08{rng.randint(10000000, 99999999)}",
                    channel=channel,
                    privacy_accepted=True,
                    now=when,
                )
            )
        batch.sort(key=lambda r: r.received_at)
        if len(batch) > 1 and rng.random() < 0.15:
            # Now and then an urgent later request is taken first.
            batch.insert(0, batch.pop())
        for request in batch:
            _work(rng, request, actor=actor, now=now)
        day += timedelta(days=1)


def _office_hours(t: datetime) -> datetime:
    """The same or the next moment an officer is at work (weekday 08:30–16:30)."""
    from prongsai.core.deadlines import is_working_day

    local = t.astimezone(thai_dates.BANGKOK)
    minutes = local.hour * 60 + local.minute
    if minutes < 8 * 60 + 30:
        local = local.replace(hour=9, minute=local.minute)
    elif minutes >= 16 * 60 + 30:
        local = (local + timedelta(days=1)).replace(hour=9, minute=local.minute)
    while not is_working_day(local.date()):
        local += timedelta(days=1)
    return local


def _work(rng: random.Random, request, *, actor, now) -> None:
    """Move a demo request along as an officer would have, at plausible times."""
    limit = request.service.time_limit_days
    age = now - request.received_at
    t = _office_hours(request.received_at + timedelta(hours=rng.randint(1, 20)))
    if t >= now:
        return
    if age < timedelta(days=limit) and rng.random() < 0.5:
        return  # recent requests still wait in the queue
    move = functools.partial(
        services_workflow.request_transition, actor=actor, request=request
    )
    roll = rng.random()
    if roll < 0.06:
        move(
            to_status=Status.REJECTED,
            reason="เอกสารไม่ครบถ้วน และไม่อยู่ในเขตรับผิดชอบ",
            now=t,
        )
        return
    move(to_status=Status.ACCEPTED, now=t)
    t = _office_hours(t + timedelta(hours=rng.randint(1, 24 * max(1, limit // 3))))
    if t >= now:
        return
    jumped = selectors.request_list_earlier_waiting(request=request).exists()
    move(
        to_status=Status.IN_PROGRESS,
        jump_reason=rng.choice(JUMP_REASONS) if jumped else "",
        now=t,
    )
    if rng.random() < 0.08:
        t = _office_hours(t + timedelta(hours=rng.randint(2, 30)))
        if t >= now:
            return
        move(
            to_status=Status.WAITING,
            reason="ขอสำเนาทะเบียนบ้านเพิ่มเติม",
            now=t,
        )
        t = _office_hours(t + timedelta(days=rng.randint(1, 4)))
        if t >= now:
            return
        move(to_status=Status.IN_PROGRESS, now=t)
    late = rng.random() < 0.12
    span = limit * (rng.uniform(1.05, 1.6) if late else rng.uniform(0.2, 0.95))
    done = request.received_at + timedelta(days=span)
    done = _office_hours(max(done, t + timedelta(hours=1)))
    if done >= now or age < timedelta(days=1):
        return
    move(
        to_status=Status.COMPLETED,
        public_note="ดำเนินการเรียบร้อยแล้ว",
        now=done,
    )
    if rng.random() < 0.6:
        score = rng.choices([5, 4, 3, 2, 1], weights=[45, 30, 13, 8, 4])[0]
        rated = _office_hours(done + timedelta(days=1))
        if rated >= now:
            return
        services_workflow.request_rate(
            request=request,
            score=score,
            comment=rng.choice(COMMENTS[score]),
            now=rated,
        )
        # An unhappy rating reopened the request; the older ones were
        # looked at again and completed.
        again = _office_hours(rated + timedelta(days=3))
        if score <= services_workflow.LOW_RATING and now - again > timedelta(days=11):
            move(
                to_status=Status.COMPLETED,
                public_note="ตรวจสอบแล้ว ดำเนินการครบถ้วนตามคำขอ ได้โทรชี้แจงผู้ขอแล้ว",
                now=again,
            )


def load_eservices_demo(organizations) -> None:
    templates = selectors.starter_template_list()
    for organization in organizations:
        if organization.slug == "bandong":
            _load(organization, templates=templates, per_month=24)
        elif organization.slug == "nongbua":
            _load(organization, templates=templates[:6], per_month=15)


# Found by prongsai.organizations.demo (every app's demo.py declares its loader).
DEMO_LOADER = load_eservices_demo
