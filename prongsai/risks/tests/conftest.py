# The members of the plans tests (a coordinator, an executive, an owner, a
# member) keep the risk register too.
from prongsai.plans.tests.conftest import coordinator, executive, member, owner

__all__ = ["coordinator", "executive", "member", "owner"]
