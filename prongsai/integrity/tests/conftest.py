# The members of the plans tests (coordinator, executive, owner, member) act here too.
from prongsai.plans.tests.conftest import coordinator, executive, member, owner

__all__ = ["coordinator", "executive", "member", "owner"]
