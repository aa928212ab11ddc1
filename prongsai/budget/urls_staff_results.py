"""Back-office URLs of the results part (included by urls_staff)."""

urlpatterns: list = []
