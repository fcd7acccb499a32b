from flask import Blueprint

bp = Blueprint("api", __name__)

from app.api import notes, ping  # noqa: E402,F401
