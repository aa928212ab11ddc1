"""Back-office URLs of the plan part (included by urls_staff)."""

urlpatterns: list = []
