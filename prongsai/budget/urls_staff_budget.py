"""Back-office URLs of the budget part (included by urls_staff)."""

urlpatterns: list = []
