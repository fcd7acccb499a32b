from flask import request

from app import db
from app.api import bp
from app.models import Note


@bp.route("/notes", methods=["GET"])
def list_notes():
    return {"items": [{"id": n.id, "title": n.title} for n in Note.query.order_by(Note.id).all()]}


@bp.route("/notes", methods=["POST"])
def create_note():
    data = request.get_json() or {}
    note = Note(title=data.get("title", "untitled"), body=data.get("body", ""))
    db.session.add(note)
    db.session.commit()
    return {"id": note.id}, 201
