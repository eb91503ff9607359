from services.common.migrate import run_env
from services.centers.models import Base

run_env(Base.metadata)
