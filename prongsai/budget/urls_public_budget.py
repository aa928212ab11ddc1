"""Public URLs of "งบประมาณของเรา" (included by urls_public)."""

urlpatterns: list = []
