"""``zopa serve``: the local web app (FastAPI under uvicorn)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from zopa.cli.common import DbOption, console
from zopa.evidence import Store
from zopa.model import builtin_names, load_builtin, load_scenario
from zopa.web.security import TOKEN_ENV, check_bind


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; beyond localhost needs a token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar=TOKEN_ENV,
            help=f"Require this token on every request (default: ${TOKEN_ENV}).",
            show_default=False,
        ),
    ] = None,
    scenario: Annotated[
        list[Path] | None,
        typer.Option("--scenario", help="A scenario file to serve besides the built-ins."),
    ] = None,
) -> None:
    """Browse scenarios, claims and articles, and try what-ifs, in a browser."""
    import uvicorn

    from zopa.web import create_app

    check_bind(host, token)
    scenarios = {name: load_builtin(name) for name in builtin_names()}
    for path in scenario or ():
        model = load_scenario(path)
        scenarios[model.name] = model
    with Store(db) as store:
        web = create_app(store, scenarios=scenarios, token=token)
        shown = f"[{host}]" if ":" in host else host
        console.print(f"zopa serving on [bold]http://{shown}:{port}/[/bold] (Ctrl-C stops)")
        if token and not os.environ.get(TOKEN_ENV):
            console.print("Open it once with ?token=… to set the cookie, or send the header.")
        uvicorn.run(web, host=host, port=port, log_level="warning")
