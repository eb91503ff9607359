from services.common.migrate import run_env
from services.mediation.models import Base

run_env(Base.metadata)
