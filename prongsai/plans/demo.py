"""Demo plans for Ban Dong: an approved FY2568 plan and a FY2569 plan in progress."""


def load_plans_demo(organizations) -> None:
    return None
