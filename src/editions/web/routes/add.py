"""Adding an edition: the `/add` form and `POST /api/editions`, both only when the server has a token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

import editions
from editions.ingest import format_size
from editions.library import Library
from editions.web import api_doc, memory, security, upload
from editions.web.pages import Pages
from editions.web.security import TOKEN_NEEDED, TOKEN_WRONG, UPLOADS_OFF, bearer, token_ok


def file_name(name: str | None) -> str:
    """The uploaded file's own name (no directory, no control characters): it names the source and its
    extension picks the reader, as a file name does on the command line."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()[:200]
    return "upload" if base in ("", ".", "..") else base


def router(
    lib: Library, pages: Pages, *, token: str | None, max_upload: int, throttle: security.TokenThrottle
) -> APIRouter:
    """The routes adding to `lib` for whoever gives `token` (none: adding is refused), files up to
    `max_upload` bytes; `throttle` counts the form's wrong tokens."""
    routes = APIRouter()
    uploads = token is not None

    def add_bytes(data: bytes, name: str) -> dict[str, Any]:
        return upload.add_edition(lib, data, name, max_upload)

    async def receive_upload(file: UploadFile) -> dict[str, Any]:
        name = file_name(file.filename)
        if upload.in_child(lib, file):  # a large upload: its memory goes with the child process
            return await upload.add_in_child(lib, file, name, max_upload)
        data = await file.read(max_upload + 1)
        if len(data) > max_upload:
            raise editions.InputError(f"{name} is over the {format_size(max_upload)} limit.")
        large = len(data) >= memory.RELEASE_AFTER
        try:
            return await run_in_threadpool(add_bytes, data, name)
        finally:
            del data
            if large:
                await run_in_threadpool(memory.release)

    @routes.post(
        "/api/editions",
        tags=["editions"],
        summary="Add an edition (needs the server's token: Authorization: Bearer T)",
        status_code=201,
        responses={200: {"description": "Already in the library"}, **api_doc.UPLOAD_ERRORS},
    )  # fmt: skip
    async def api_add(request: Request, file: Annotated[UploadFile, File(description="An edition file.")]) -> Response:
        if not uploads:
            return pages.problem(request, 403, UPLOADS_OFF)
        if not token_ok(token, bearer(request.headers.get("authorization"))):
            return JSONResponse({"error": TOKEN_NEEDED}, status_code=401, headers={"www-authenticate": "Bearer"})
        result = await receive_upload(file)
        return JSONResponse(result, status_code=201 if result["status"] == "added" else 200)

    @routes.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page() -> HTMLResponse:
        if not uploads:
            return pages.page("error.html", status_code=403, status=403, message=UPLOADS_OFF)
        return pages.page("add.html", result=None, max_upload=format_size(max_upload))

    @routes.post("/add", response_class=HTMLResponse, include_in_schema=False)
    async def add_form(
        request: Request, file: Annotated[UploadFile, File()], token_field: Annotated[str, Form(alias="token")] = ""
    ) -> Response:
        if not uploads:
            return pages.page("error.html", status_code=403, status=403, message=UPLOADS_OFF)
        if not token_ok(token, token_field):
            if token_field and request.client is not None:
                throttle.failed(request.client.host)
            return pages.page("error.html", status_code=401, status=401,
                              message=TOKEN_WRONG if token_field else TOKEN_NEEDED)  # fmt: skip
        result = await receive_upload(file)
        return pages.page("add.html", status_code=201 if result["status"] == "added" else 200, result=result,
                          max_upload=format_size(max_upload))  # fmt: skip

    return routes
