from sqlalchemy import Column, Integer, String

from app.db import Base


class Item(Base):
    __tablename__ = "item"

    id = Column(Integer, primary_key=True, index=True)
    title = Column(String(255), nullable=False)
