from app.main import bp
from app.models import Note


@bp.route("/")
@bp.route("/index")
def index():
    return {"notes": Note.query.count()}
