from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from app.db import SessionLocal
from app.models import Item

router = APIRouter()


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@router.get("/")
def read_items(db: Session = Depends(get_db)) -> list[dict]:
    return [{"id": item.id, "title": item.title} for item in db.query(Item).order_by(Item.id).all()]
