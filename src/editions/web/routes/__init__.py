"""The web app's routes, one module per part of the site, each returning a FastAPI APIRouter."""
