"""The REST API under /api: one router made of the routers in `routes_*.py`.

- `routes_books`: /books, /books/{id}, /books/{id}/audit, /books/{id}/source, /resources
- `routes_resources`: /books/{id}/{resource} and /books/{id}/{resource}/{row_no}, for every
  resource of `store.schema.resource_tables`
- `routes_query`: /aggregate and /search
- `routes_common`: the route class that turns every error into JSON naming the parameter, paging
  (limit/offset, total, next), CSV output
- `routes_models`: the response models /openapi.json documents

Each endpoint is a thin call into `store.queries`; nothing here computes a budget figure.
Amounts are integers in each book's unit; an answer over several books states the one unit
its amounts were converted to (`unit`).
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from . import routes_books, routes_compare, routes_query, routes_resources
from .routes_common import ApiRoute

router = APIRouter(route_class=ApiRoute)


class ApiIndex(BaseModel):
    books: str = Field(description="The stored books.")
    resources: str = Field(description="Every resource and its columns (filter parameters).")
    aggregate: str
    search: str
    openapi: str
    docs: str
    unit: str


@router.get("", response_model=ApiIndex, summary="Entry points of the API", tags=["books"])
def index() -> dict[str, str]:
    return {"books": "/api/books", "resources": "/api/resources", "aggregate": "/api/aggregate",
            "search": "/api/search", "openapi": "/openapi.json", "docs": "/docs",
            "unit": "Amounts are integers in each book's unit (thousand TWD for central books, "
                    "TWD for city books); every answer states its unit."}


router.include_router(routes_books.router, tags=["books"])
router.include_router(routes_query.router)
router.include_router(routes_compare.router)
router.include_router(routes_resources.router)  # last: it ends with a catch-all for {resource}
