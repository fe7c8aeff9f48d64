"""The gba-dash CLI: check and export, on good and broken data."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from gba_dash.cli import build_parser, main


def test_check_passes_on_bundled_data(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "sites: 31 in the 2019 archive, 13 added since 2019 (44 in the latest view)" in out
    assert "0 without" in out and out.strip().endswith("ok")


def test_check_fails_with_one_line_per_problem(data_copy, capsys):
    (data_copy / "facilities.csv").write_text(
        (data_copy / "facilities.csv").read_text(encoding="utf-8").replace(",2.3,", ",lots,"), encoding="utf-8"
    )
    (data_copy / "checkpoints.csv").write_text(
        (data_copy / "checkpoints.csv").read_text(encoding="utf-8") + "nowhere-port,,Macao,,,\n", encoding="utf-8"
    )
    assert main(["check", str(data_copy)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("2 problem(s)")
    assert "facilities.csv: line 5 (csns)" not in err[1]  # parse errors name the line
    assert any("facilities.csv: line 5: field 'investment_cny_bn': value 'lots': not a number" == e for e in err)
    assert any(
        e.startswith("checkpoints.csv: line 13: field 'site_id': value 'nowhere-port': unknown site") for e in err
    )


def test_check_reads_the_environment_variable(data_copy, monkeypatch, capsys):
    (data_copy / "sites.geojson").write_text("{", encoding="utf-8")
    monkeypatch.setenv("GBA_DASH_DATA", str(data_copy))
    assert main(["check"]) == 1
    assert "sites.geojson: line 1 column 2: malformed JSON" in capsys.readouterr().err


def test_export_geojson_holds_every_site_with_its_figures(dataset, capsys):
    assert main(["export", "--format", "geojson"]) == 0
    doc = json.loads(capsys.readouterr().out)
    props = {f["properties"]["site_id"]: f["properties"] for f in doc["features"]}
    # The default export is the latest view: the archive's sites and those added since 2019.
    assert set(props) == set(dataset.sites["site_id"]) | set(dataset.new_sites["site_id"])
    assert len(props) == 44 and props["hkust-guangzhou"]["since_2019"] is True
    assert props["hkust-guangzhou"]["added_in"] == "2026.2" and props["csns"]["since_2019"] is False
    assert props["csns"]["investment_cny_bn"] == 2.3
    assert props["csns"]["investment_cny_bn_source"] == "seed-science-cities"
    assert props["daya-bay-ai-park"]["investment_cny_bn"] is None
    assert props["songshan-lake-materials-lab"]["scientists"] == 257


def test_export_of_the_2019_archive_leaves_out_the_sites_added_since(dataset, capsys):
    assert main(["export", "--format", "geojson", "--as-of", "2019"]) == 0
    doc = json.loads(capsys.readouterr().out)
    ids = {f["properties"]["site_id"] for f in doc["features"]}
    assert ids == set(dataset.sites["site_id"]) and len(ids) == 31
    assert not ids & set(dataset.new_sites["site_id"])


def test_export_csv_by_category_to_file(tmp_path):
    out = tmp_path / "cp.csv"
    assert main(["export", "--format", "csv", "--category", "checkpoint", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 12 and "daily_crossings" in lines[0] and "geometry_wkt" in lines[0]


def test_every_command_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        assert command.description, name
        for action in command._actions:
            assert action.help, (name, action.dest)


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["export", "--help"], ["check"]])
def test_the_installed_console_script_runs(args):
    """The gba-dash a user types (the console script pip installed), not python -m."""
    command = shutil.which("gba-dash")
    assert command, "gba-dash is not on PATH: pip install -e ."
    result = subprocess.run([command, *args], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert ("usage" in result.stdout) if "--help" in args else result.stdout.strip().endswith("ok")


def test_serve_passes_the_project_settings_to_streamlit():
    from gba_dash import paths
    from gba_dash.cli import streamlit_flags

    flags = streamlit_flags(paths.config_file())
    assert "--server.enableStaticServing=true" in flags  # the self-hosted Leaflet needs it
    assert "--theme.textColor=#0e1117" in flags
    assert streamlit_flags(paths.CHECKOUT / "no-such.toml") == []


def test_python_m_gba_dash_is_serve():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "gba_dash", "--help"], capture_output=True, text=True, check=True)
    assert "usage: gba-dash serve" in out.stdout and "--port" in out.stdout


def test_an_export_that_fails_midway_leaves_the_previous_export_whole(tmp_path, monkeypatch, capsys):
    out = tmp_path / "sites.csv"
    assert main(["export", "--format", "csv", "--out", str(out)]) == 0
    good = out.read_bytes()
    import os as real_os

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(real_os, "fsync", full_disk)
    assert main(["export", "--format", "geojson", "--out", str(out)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_bytes() == good  # the previous export, not a truncated one
    assert [p.name for p in tmp_path.iterdir()] == ["sites.csv"]  # no temporary file left


def test_an_export_keeps_the_files_permissions_and_replaces_it_whole(tmp_path):
    out = tmp_path / "sites.geojson"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert main(["export", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert out.stat().st_mode & 0o777 == 0o640


def test_a_fifo_or_device_or_empty_out_is_refused_not_waited_on(tmp_path, capsys):
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["export", "--out", str(fifo)]) == 1
    assert f"cannot write {fifo}: is a FIFO, not a regular file" in capsys.readouterr().err
    assert main(["export", "--out", "/dev/null"]) == 1
    assert "is a device or socket, not a regular file" in capsys.readouterr().err
    assert main(["export", "--out", ""]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "--out needs a file name" in captured.err
    site = tmp_path / "site"
    site.mkdir()
    os.mkfifo(site / "index.html")
    assert main(["export-site", str(site)]) == 1
    assert "is a FIFO, not a regular file" in capsys.readouterr().err
