import pytest

from app import create_app, db
from config import Config


class TestConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"


@pytest.fixture()
def client():
    app = create_app(TestConfig)
    with app.app_context():
        db.create_all()
        yield app.test_client()


def test_ping(client):
    assert client.get("/api/ping").get_json() == {"status": "ok"}


def test_create_and_list(client):
    assert client.post("/api/notes", json={"title": "first"}).status_code == 201
    assert client.get("/api/notes").get_json()["items"][0]["title"] == "first"
