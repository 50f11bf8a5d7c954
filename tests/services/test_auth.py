import pytest
from sqlalchemy import update

from app.domain.errors import AuthError
from app.persistence.schema import User
from app.services.auth import sign_in
from helpers import ADMIN_PASSWORD


def test_admin_signs_in(new_store):
    user = sign_in(new_store, "admin", ADMIN_PASSWORD)
    assert (user.username, user.role) == ("admin", "admin")


@pytest.mark.parametrize("name, password", [("admin", "wrong-password"), ("nobody", ADMIN_PASSWORD),
                                            ("", ""), ("admin", "")])
def test_wrong_credentials_are_one_error(new_store, name, password):
    with pytest.raises(AuthError) as info:
        sign_in(new_store, name, password)
    assert "密码" in info.value.message("zh_CN")


def test_inactive_user_cannot_sign_in(new_store):
    with new_store.engine.begin() as conn:
        conn.execute(update(User).values(active=False))
    with pytest.raises(AuthError):
        sign_in(new_store, "admin", ADMIN_PASSWORD)


def test_password_is_stored_as_argon2id(new_store):
    with new_store.engine.connect() as conn:
        stored = conn.execute(User.__table__.select()).first().password_hash
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert ADMIN_PASSWORD not in stored
