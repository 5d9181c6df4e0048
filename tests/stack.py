"""The production stack on one machine, for the proxy test and the benchmarks.

gunicorn serving `portal.settings.production` from a throw-away SQLite database, Varnish with
`deploy/varnish/portal.vcl` in front of it, and (for the benchmarks) nginx serving static
files. Every process listens on 127.0.0.1 on a free port and is stopped by `Stack.stop()`.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VCL = ROOT / "deploy" / "varnish" / "portal.vcl"
VENV_BIN = Path(sys.executable).parent


_handed_out: set[int] = set()


def free_port() -> int:
    """A free port: any, or one of STACK_PORTS (e.g. "8170-8179") on a shared machine."""
    first, _, last = os.environ.get("STACK_PORTS", "").partition("-")
    candidates = range(int(first), int(last or first) + 1) if first else [0]
    for candidate in candidates:
        if candidate in _handed_out:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            port = sock.getsockname()[1]
        if first:
            _handed_out.add(port)
        return port
    raise RuntimeError(f"no free port in STACK_PORTS={os.environ['STACK_PORTS']}")


def wait_for(url: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=10)  # noqa: S310 - our own local server
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


class Stack:
    def __init__(self, workdir: Path, *, database_url: str | None = None, app_port=None):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.app_port = app_port or free_port()
        self.proxy_port = free_port()
        self.nginx_port = free_port()
        self.processes: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url or f"sqlite:///{self.workdir / 'db.sqlite3'}",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "PORTAL_VAR_DIR": str(self.workdir),
            "FRONTEND_CACHE_PURGE_URL": self.url(self.proxy_port),
            # The public address is the proxy's: absolute links and the Site record use it.
            "PORTAL_BASE_URL": self.url(self.proxy_port),
            "LOG_LEVEL": "WARNING",
        }
        for name in ("DEBUG", "ELASTICSEARCH_URL", "REDIS_URL"):
            self.env.pop(name, None)

    def url(self, port: int) -> str:
        """The base URL of one of this stack's servers (all listen on loopback)."""
        return f"http://127.0.0.1:{port}"

    # -- the site ---------------------------------------------------------------------------

    def manage(self, *args: str, check=True, proxy=True) -> subprocess.CompletedProcess:
        """Run a management command; `proxy=False` when Varnish is not running (no purges)."""
        env = dict(self.env)
        if not proxy:
            env.pop("FRONTEND_CACHE_PURGE_URL")
        return subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=env,
            check=check,
            capture_output=True,
            text=True,
        )

    def shell(self, code: str) -> str:
        return self.manage("shell", "-c", code).stdout

    def prepare(self) -> None:
        self.manage("migrate", "--noinput", "-v0", proxy=False)
        self.manage("collectstatic", "--noinput", "-v0", proxy=False)

    # -- servers ----------------------------------------------------------------------------

    def _start(self, args, **kwargs) -> subprocess.Popen:
        log = open(self.workdir / f"{Path(args[0]).name}.log", "ab")  # noqa: SIM115
        process = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True, **kwargs
        )
        self.processes.append(process)
        return process

    def start_gunicorn(self, workers: int = 2) -> None:
        self._start(
            [
                str(VENV_BIN / "gunicorn"),
                "--pythonpath",
                "site",
                "portal.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.app_port}",
                "--no-control-socket",
                "--access-logfile",
                "-" if os.environ.get("STACK_ACCESS_LOG") else "/dev/null",
            ]
        )
        wait_for(f"{self.url(self.app_port)}/robots.txt")

    def start_varnish(self, memory: str = "128m") -> None:
        varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
        vcl = self.workdir / "portal.vcl"
        vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{self.app_port}";'))
        self._start(
            [
                varnishd,
                "-F",
                "-j",
                "none",
                "-n",
                str(self.workdir / "varnish"),
                "-a",
                f"127.0.0.1:{self.proxy_port}",
                "-T",
                "none",
                "-f",
                str(vcl),
                "-s",
                f"malloc,{memory}",
                "-p",
                "ban_lurker_sleep=0.01",
            ]
        )
        wait_for(f"{self.url(self.proxy_port)}/robots.txt")

    def start_nginx(self, root: Path) -> None:
        """nginx serving the files under `root` (the benchmark's static reference)."""
        conf = self.workdir / "nginx.conf"
        conf.write_text(
            f"""
daemon off;
worker_processes 2;
pid {self.workdir}/nginx.pid;
error_log {self.workdir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    client_body_temp_path {self.workdir}/nginx-body;
    proxy_temp_path {self.workdir}/nginx-proxy;
    fastcgi_temp_path {self.workdir}/nginx-fastcgi;
    uwsgi_temp_path {self.workdir}/nginx-uwsgi;
    scgi_temp_path {self.workdir}/nginx-scgi;
    server {{
        listen 127.0.0.1:{self.nginx_port};
        root {root};
        gzip_static on;
    }}
}}
"""
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self._start([nginx, "-c", str(conf), "-e", str(self.workdir / "nginx-error.log")])
        wait_for(f"http://127.0.0.1:{self.nginx_port}/")

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()

    # -- requests ---------------------------------------------------------------------------

    def get(self, port: int, path: str, headers=None):
        """(status, headers, body text) of a GET, redirects not followed."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost", **(headers or {})}
        )
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
