"""The HR report's figures, computed by hand."""

from decimal import Decimal

from prongsai.integrity.hr_figures import (
    ProjectInput,
    TrainingInput,
    hr_figures,
    percent,
)

D = Decimal


def projects():
    return [
        ProjectInput(2, 2, "อบรมจริยธรรม", "development", D("25000"), "done",
                     D("21800"), "อบรม 1 ครั้ง"),
        ProjectInput(1, 1, "สรรหา", "recruitment", D("15000"), "done", D("12500")),
        ProjectInput(3, 3, "ยกย่อง", "retention", D("10000"), "in_progress", None),
        ProjectInput(4, 4, "แผนอัตรากำลัง", "other", D("5000"), "cancelled", D("0")),
        ProjectInput(5, 5, "ประเมิน", "appraisal", D("0"), ""),
    ]  # fmt: skip


def trainings():
    return [
        TrainingInput(("member", 1), D("6"), True, None, 2),
        TrainingInput(("member", 2), D("6"), True, D("0"), 2),
        TrainingInput(("member", 1), D("12.5"), False, D("4500"), None),
        TrainingInput(("name", "สมชาย ใจงาม"), D("7"), False, D("1200"), 2),
    ]


def test_projects_in_order_with_their_people():
    figures = hr_figures(projects(), trainings())
    assert [p.number for p in figures.projects] == [1, 2, 3, 4, 5]
    ethics = figures.projects[1]
    assert (ethics.people_trained, ethics.training_hours) == (3, D("19"))
    assert figures.projects[0].people_trained == 0


def test_totals():
    figures = hr_figures(projects(), trainings())
    assert figures.project_count == 5
    assert figures.status_counts == {
        "done": 2,
        "in_progress": 1,
        "not_done": 0,
        "cancelled": 1,
        "": 1,
    }
    # 2 done of the 4 projects not cancelled.
    assert figures.done_percent == D("50.0")
    assert figures.budget_planned == D("55000")
    # 21,800 + 12,500 + 0 (in progress: nothing recorded) + 0.
    assert figures.budget_used == D("34300")
    # 34,300 / 55,000 = 62.3636… %
    assert figures.budget_used_percent == D("62.4")


def test_training_aggregates():
    figures = hr_figures(projects(), trainings())
    assert figures.people_trained == 3
    assert figures.training_records == 4
    assert figures.training_hours == D("31.5")
    # 31.5 hours / 3 people = 10.5
    assert figures.hours_per_person == D("10.5")
    assert (figures.ethics_records, figures.ethics_people) == (2, 2)
    # 2 of 3 people = 66.666… %
    assert figures.ethics_share_percent == D("66.7")
    assert figures.training_cost == D("5700")


def test_nothing_at_all():
    figures = hr_figures([], [])
    assert figures.project_count == 0
    assert figures.done_percent is None
    assert figures.budget_used_percent is None
    assert figures.hours_per_person is None
    assert figures.ethics_share_percent is None


def test_percent_rounds_half_up():
    assert percent(1, 8) == D("12.5")
    assert percent(1, 3) == D("33.3")
    assert percent(2, 3) == D("66.7")
    assert percent(1, 0) is None
