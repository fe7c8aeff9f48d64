"""``gba-dash``: check and export the data; a thin shell over the library."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Literal

from .dataset import Dataset, category_counts, load_dataset
from .map.tiles import TilesConfigError, TileSource, tiles_from_env
from .publish.export import formula_cells, to_csv, to_geojson, write_atomic
from .read.fields import CATEGORIES
from .read.history import ARCHIVE_YEAR, DEFAULT_STATE, STATES, counts, view
from .read.load import default_data_dir
from .read.schema import DataError
from .words.i18n import LANGS

LOCAL_PORT = 8501  # ``gba-dash serve``'s port: a figure's link when no public address is set


def _data_dir(args: argparse.Namespace) -> Path:
    given = getattr(args, "data_dir", None) or getattr(args, "data", None)
    return Path(given) if given else default_data_dir()


def _load(args: argparse.Namespace) -> Dataset | None:
    try:
        return load_dataset(_data_dir(args))
    except DataError as exc:
        print(f"{len(exc.problems)} problem(s) in {_data_dir(args)}:", file=sys.stderr)
        for line in exc.summary():
            print(line, file=sys.stderr)
        return None


def _tiles() -> TileSource | Literal[False] | None:
    """The deployer's tile source; False (after one line on stderr) when the setting is unusable."""
    try:
        return tiles_from_env(os.environ)
    except TilesConfigError as exc:
        print(f"gba-dash: {exc}", file=sys.stderr)
        return False


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a data directory and print a short report."""
    ds = _load(args)
    if ds is None:
        return 1
    sites = ds.sites
    print(f"data: {_data_dir(args)} (version {ds.version or 'unversioned'})")
    added = ds.new_sites if ds.new_sites is not None else sites.iloc[:0]
    print(
        f"sites: {len(sites)} in the {ARCHIVE_YEAR} archive"
        + (
            f", {len(added)} added since {ARCHIVE_YEAR} ({len(sites) + len(added)} in the latest view)"
            if len(added)
            else ""
        )
    )
    for category, n in category_counts(sites).items():
        print(f"  {category:<13} {n}")
    figures = ds.figures()
    sourced = sum(1 for *_, src in figures if src)
    print(f"figures: {len(figures)} reported, {sourced} with a source, {len(figures) - sourced} without")
    print(f"not reported: {ds.not_reported_count()} figure cells left empty (shown as 'not reported')")
    print(
        f"sources: {len(ds.sources)}, sub-projects: {len(ds.subprojects)}, stories: {len(ds.stories)}, "
        f"city context rows: {len(ds.city_context)}, basemap features: {len(ds.basemap['features'])}, "
        f"place names: {len(ds.places['features'])}, "
        f"tours: {', '.join(f'{n} ({len(t.scenes)} scenes)' for n, t in ds.tours.items()) or 'none'}"
    )
    found, recent, searched = counts(ds.history)
    print(
        f"later values: {found} ({recent} as of {ARCHIVE_YEAR + 1} or after), "
        f"{searched} searches that found no later report; {len(ds.sites[ds.sites['changed_since_2019']])} "
        f"archive sites changed since {ARCHIVE_YEAR}, {len(added)} added"
    )
    for warning in ds.warnings:
        print(f"warning: {warning}")
    for problem in ds.tour_problems:
        print(f"tour disabled: {problem}", file=sys.stderr)
    for site, column, value in formula_cells(ds.sites):
        print(
            f"warning: site {site}: {column} starts with {value[:1]!r} ({value[:40]!r}); a spreadsheet would run it "
            "as a formula, so CSV exports write it with a leading '"
        )
    tiles = _tiles()
    if tiles is not False:
        shown = f"{tiles.name} when the browser reaches it, else offline" if tiles else "off (offline basemap only)"
        print(f"tiles: {shown}")
    if ds.tour_problems:
        print(f"{len(ds.tour_problems)} problem(s) in tours: those tours are disabled", file=sys.stderr)
        return 1
    if tiles is False:
        return 1
    print("ok")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the joined sites, optionally one or more categories only."""
    if args.out == "":
        print("gba-dash export: --out needs a file name (leave --out out to write to standard output)", file=sys.stderr)
        return 2
    ds = _load(args)
    if ds is None:
        return 1
    ds = view(ds, args.as_of)
    sites = ds.sites
    if args.category:
        sites = sites[sites["category"].isin(args.category)]
    text = (
        to_geojson(sites, version=ds.version, as_of=args.as_of, sources=ds.sources)
        if args.format == "geojson"
        else to_csv(sites, sources=ds.sources)
    )
    if args.out is not None:
        try:
            write_atomic(Path(args.out), text)
        except OSError as exc:
            print(f"gba-dash export: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(
            f"wrote {len(sites)} sites (data version {ds.version or 'unversioned'}, "
            f"{'latest known' if args.as_of == 'latest' else '2019 archive'} figures) to {args.out}",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(text)
    return 0


def cmd_export_site(args: argparse.Namespace) -> int:
    """Write OUT_DIR/index.html, a self-contained page that opens offline from a file."""
    from .publish.bundle import build_site

    ds = _load(args)
    if ds is None:
        return 1
    tour = None
    if args.tour:
        if args.tour not in ds.tours:
            known = ", ".join(ds.tours) or "none"
            print(f"export-site: unknown tour {args.tour!r}; tours: {known}", file=sys.stderr)
            return 1
        tour = ds.tours[args.tour]
    tiles = _tiles()
    if tiles is False:
        return 1
    ds = view(ds, args.as_of)
    out = Path(args.out_dir)
    html = build_site(ds, categories=tuple(args.category or ()), tour=tour, lang=args.lang, tiles=tiles)
    try:
        out.mkdir(parents=True, exist_ok=True)
        write_atomic(out / "index.html", html)
    except OSError as exc:
        print(f"gba-dash export-site: cannot write {out / 'index.html'}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {out / 'index.html'} ({len(html.encode()) // 1024} KB)", file=sys.stderr)
    return 0


def cmd_figure(args: argparse.Namespace) -> int:
    """Write the map figure of a view (``--link``) as PDF, SVG or PNG, by the file's extension."""
    from urllib.parse import parse_qs, urlsplit

    from .publish import figure, link
    from .view.share import Vocab, decode, encode

    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in figure.FORMATS:
        print(f"gba-dash figure: --out {args.out}: the name must end in .pdf, .svg or .png", file=sys.stderr)
        return 2
    try:
        figure.font_file()
    except figure.FontMissing as exc:
        print(f"gba-dash figure: {exc}", file=sys.stderr)
        return 1
    ds = _load(args)
    if ds is None:
        return 1
    raw = args.link or ""
    query = parse_qs(urlsplit(raw).query if "?" in raw else raw.lstrip("?"), keep_blank_values=True)
    chosen, warnings = decode(query, Vocab.from_sites(view(ds, DEFAULT_STATE).sites))
    if warnings:
        for warning in warnings:
            print(f"gba-dash figure: --link: {warning}", file=sys.stderr)
        print(
            "gba-dash figure: nothing written; fix the link (a figure shows the exact view it names)", file=sys.stderr
        )
        return 2
    ds = view(ds, chosen.asof)
    try:
        public = link.public_base()
    except link.PublicURLError as exc:
        print(f"gba-dash figure: {exc}", file=sys.stderr)
        return 1
    if public is None:
        public = f"http://127.0.0.1:{LOCAL_PORT}/"
        print(f"gba-dash figure: {link.ENV} is not set: the figure's link and QR code open {public}", file=sys.stderr)
    shared = link.share_link(encode(chosen), seen=None, public=public)
    started = time.perf_counter()
    data = figure.render(figure.figure_spec(ds, chosen, link=shared.url), fmt)
    try:
        write_atomic(out, data)
    except OSError as exc:
        print(f"gba-dash figure: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    took = time.perf_counter() - started
    print(f"wrote {out} ({len(data) // 1024} KB, {fmt.upper()}, drawn in {took:.1f} s): {shared.url}", file=sys.stderr)
    return 0


def streamlit_flags(config: Path) -> list[str]:
    """The project's Streamlit settings (a config.toml) as ``streamlit run`` flags.

    Streamlit reads config.toml from the working directory, not from the app's folder, so an
    installed dashboard started anywhere passes its settings on the command line instead.
    """
    import tomllib

    try:
        settings = tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return []
    flags = []
    for section, values in settings.items():
        for key, value in values.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            flags.append(f"--{section}.{key}={text}")
    return flags


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the dashboard: ``streamlit run`` of the packaged app with the project's settings."""
    from . import paths

    if _load(args) is None:  # a broken data directory is refused here, with every problem named
        return 1
    env = dict(os.environ)
    if args.data:
        env["GBA_DASH_DATA"] = str(Path(args.data).resolve())
    cmd = [
        sys.executable,
        "-m",
        # Streamlit's command line, with the reconnect fix installed at start (launch.py).
        "gba_dash.ui.launch",
        "run",
        str(paths.app_file()),
        # The command line's own address and port win over the settings' (both set them).
        *(f for f in streamlit_flags(paths.config_file()) if not f.startswith(("--server.address=", "--server.port="))),
        f"--server.port={args.port}",
        f"--server.address={args.host}",
    ]
    if args.headless:
        cmd.append("--server.headless=true")
    print(f"gba-dash: serving {_data_dir(args)} on http://{args.host}:{args.port}", file=sys.stderr)
    sys.stderr.flush()
    # Become the server rather than wrap it: a signal to this process (Ctrl-C, a service
    # manager's SIGTERM) then reaches Streamlit itself, and no orphan is left running.
    os.execve(sys.executable, cmd, env)
    return 0  # not reached


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gba-dash", description="Check and export the Greater Bay Area science build-out data."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser(
        "check",
        help="validate a data directory and print a report",
        description="Validate a data directory; exit 1 and list every problem if it is broken.",
    )
    check.add_argument("data_dir", nargs="?", help="data directory (default: $GBA_DASH_DATA or the bundled data)")
    check.add_argument("--data", help="data directory (same as DATA_DIR)")
    check.set_defaults(func=cmd_check)

    export = sub.add_parser(
        "export",
        help="write the joined sites as GeoJSON or CSV",
        description="Write every site with all its attributes as flat properties.",
    )
    export.add_argument("--format", choices=("geojson", "csv"), default="geojson", help="output format")
    export.add_argument("--category", action="append", choices=CATEGORIES, help="keep this category (repeatable)")
    export.add_argument("--out", help="file to write (default: standard output)")
    export.add_argument("--data", help="data directory (default: $GBA_DASH_DATA or the bundled data)")
    export.add_argument(
        "--as-of",
        choices=STATES,
        default=DEFAULT_STATE,
        help="latest: each figure's newest known value (default); 2019: the archive's figures",
    )
    export.set_defaults(func=cmd_export)

    site = sub.add_parser(
        "export-site",
        help="write a self-contained offline index.html",
        description="Write OUT_DIR/index.html: map, charts, table, sources, citation and tour, opening offline.",
    )
    site.add_argument("out_dir", help="directory to write index.html into (created if missing)")
    site.add_argument("--tour", help="tour to include as slides (a file name in data/tours without .json)")
    site.add_argument("--category", action="append", choices=CATEGORIES, help="keep this category (repeatable)")
    site.add_argument("--lang", choices=LANGS, default="en", help="language of labels and names")
    site.add_argument("--data", help="data directory (default: $GBA_DASH_DATA or the bundled data)")
    site.add_argument(
        "--as-of",
        choices=STATES,
        default=DEFAULT_STATE,
        help="latest: each figure's newest known value (default); 2019: the archive's figures",
    )
    site.set_defaults(func=cmd_export_site)

    fig = sub.add_parser(
        "figure",
        help="draw the map of a view as a PDF, SVG or PNG figure",
        description="Draw the map of a view (a share link's query) as a publication figure: PDF (vector), "
        "SVG or PNG at 300 dpi, chosen by the --out file's extension. Needs the Noto Sans CJK font.",
    )
    fig.add_argument("--out", required=True, help="file to write: map.pdf, map.svg or map.png")
    fig.add_argument("--link", help="the view, as a share link or its query: '?city=Dongguan&lang=zh' (default: all)")
    fig.add_argument("--data", help="data directory (default: $GBA_DASH_DATA or the bundled data)")
    fig.set_defaults(func=cmd_figure)

    serve = sub.add_parser(
        "serve",
        help="start the dashboard in a browser tab",
        description="Start the dashboard (streamlit run of the installed app, with the project's settings).",
    )
    serve.add_argument("--port", type=int, default=LOCAL_PORT, help=f"port to listen on (default {LOCAL_PORT})")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, loopback; 0.0.0.0 for all)"
    )
    serve.add_argument("--data", help="data directory (default: $GBA_DASH_DATA or the bundled data)")
    serve.add_argument("--headless", action="store_true", help="do not open a browser")
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
