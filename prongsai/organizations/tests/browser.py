"""Browser-test steps shared by the back-office tests."""

from prongsai.accounts.tests.factories import TEST_PASSWORD
from prongsai.conftest import totp_now


def sign_in_with_code(page, live_server, email: str) -> None:
    """Sign in on the login page, then give the authenticator app's code."""
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("อีเมล").fill(email)
    page.get_by_label("รหัสผ่าน").fill(TEST_PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    # allauth's second step: the code from the authenticator app.
    page.locator("input[name=code]").fill(totp_now())
    page.locator("form.auth-form button[type=submit]").first.click()
