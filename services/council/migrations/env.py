from services.common.migrate import run_env
from services.council.models import Base

run_env(Base.metadata)
