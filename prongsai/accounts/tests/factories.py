import factory
from allauth.mfa.totp.internal.auth import TOTP

from prongsai.accounts.models import User

TEST_PASSWORD = "correct-horse-battery-9"
TEST_TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    title = "นาย"
    full_name = factory.Faker("name", locale="th_TH")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        """``UserFactory(totp=True)`` gives the user an authenticator app."""
        self.save()
        if extracted:
            TOTP.activate(self, TEST_TOTP_SECRET)
