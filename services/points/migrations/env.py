from services.common.migrate import run_env
from services.points.models import Base

run_env(Base.metadata)
