import pytest

from .helpers import make_training, partner_user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def trainer(db):
    return partner_user()


@pytest.fixture
def training(trainer):
    return make_training(trainer.training_partners.get())
