"""A bounded load test: gunicorn with production settings on loopback, mixed logged-in traffic.

    .venv/bin/python bench/load.py                   # 60 s, 8 threads
    .venv/bin/python bench/load.py --seconds 30 --threads 6

Recreates the PostgreSQL database sakip_bench_load (--db-url; only a database whose name
starts with "sakip_bench" or "sakip_<branch>_bench" is ever dropped), loads the demo (`manage.py load_demo`), runs
`collectstatic`, starts gunicorn with --workers sync workers on 127.0.0.1 and a free port
(DEBUG off), logs in every demo user but the admin, and sends for --seconds from
--threads threads (thread i acts as demo user i mod 5) a mix of: the entry sheet, a row
save (each saving thread has its own indicator, so saves do not conflict), the
verification page, dashboards, listings and a document page. Then it stops gunicorn and
drops the database (unless --keep-db), and prints requests, errors, req/s, p50/p99 per URL
kind and overall, and each worker's resident memory before and after the traffic.
"""

import argparse
import http.cookiejar
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

OPD = "dinsos-pppa-probolinggo"
TAHUN, TRIWULAN = 2025, 1
PASSWORD = os.environ.get("SAKIP_DEMO_PASSWORD", "sakip-demo-2025")

# user -> [(kind, path, weight)]; a "simpan" entry is a row save (POST).
TRAFFIC = {
    "operator": [
        ("entri", "/kinerja/entri/", 3),
        ("simpan", None, 4),
        ("daftar", "/kinerja/realisasi/", 1),
    ],
    "verifikator": [
        ("verifikasi", "/kinerja/verifikasi/", 3),
        ("daftar", "/anggaran/realisasi/", 1),
    ],
    "kadis": [
        ("dasbor", f"/kinerja/dasbor/{OPD}/", 3),
        ("dokumen", f"/laporan/{OPD}/{TAHUN}/pengukuran/{TRIWULAN}/", 1),
    ],
    "perencana": [
        ("daftar", "/renstra/indikator/", 2),
        ("daftar", "/renstra/sub-kegiatan/", 1),
        ("entri", "/kinerja/entri/", 1),
    ],
    "pimpinan": [
        ("dasbor", "/kinerja/dasbor/", 2),
        ("dokumen", f"/laporan/{OPD}/{TAHUN}/pengukuran/{TRIWULAN}/", 1),
    ],
}
USERS = list(TRAFFIC)

ROW = re.compile(
    r'hx-post="(/kinerja/entri/\d+/\d+/indikator/\d+/)"[^>]*>\s*'
    r'<input type="hidden" name="versi" value="(\d+)">\s*'
    r'<input type="hidden" name="unit" value="(\d+)">(.*?)</form>',
    re.S,
)
VERSI = re.compile(r'name="versi" value="(\d+)"')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def recreate_database(db_url, drop_only=False):
    import psycopg2

    parts = urllib.parse.urlsplit(db_url)
    name = parts.path.lstrip("/")
    if not re.match(r"sakip_(\w+_)?bench", name):
        sys.exit(
            f"Menolak menghapus basis data {name!r}: namanya harus diawali sakip_bench "
            "(atau sakip_<cabang>_bench)."
        )
    conn = psycopg2.connect(
        dbname="postgres",
        user=parts.username or None,
        password=parts.password or None,
        host=parts.hostname or None,
        port=parts.port or None,
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def cpu_seconds(pid):
    """User + system CPU time of a process: unlike latency, not inflated by other jobs
    sharing the machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_pids(master):
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid ...: comm may hold spaces, so split after the last ")"
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(entry.name))
    return sorted(pids)


class Session:
    """A logged-in browser: cookies (also the Secure ones, the server being loopback
    HTTP with production settings) and the CSRF token for POSTs."""

    def __init__(self, base):
        self.base = base
        policy = http.cookiejar.DefaultCookiePolicy(secure_protocols=("https", "http"))
        self.jar = http.cookiejar.CookieJar(policy)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self):
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        if body is not None:
            req.add_header("X-CSRFToken", self.csrf())
            req.add_header("Referer", self.base + path)
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def login(self, username):
        self.request("/akun/masuk/")
        status, body = self.request(
            "/akun/masuk/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
        )
        if status != 200 or 'name="password"' in body:
            sys.exit(f"Login {username} gagal (HTTP {status}).")


def numeric_rows(page):
    """(url, versi, unit) of the entry sheet's rows that take a plain number."""
    return [
        (url, int(versi), unit)
        for url, versi, unit, rest in ROW.findall(page)
        if 'name="nilai"' in rest
    ]


def run_traffic(base, seconds, threads, on_start):
    """Log in, warm up, call on_start(), then send traffic until the deadline."""
    sessions = {}
    for username in USERS:
        sessions[username] = Session(base)
        sessions[username].login(username)
    # Warm up every URL once (and fail loudly on a broken one rather than count it).
    for username, kinds in TRAFFIC.items():
        for _kind, path, _weight in kinds:
            if path:
                status, _ = sessions[username].request(path)
                if status != 200:
                    sys.exit(f"{username} {path}: HTTP {status} sebelum uji beban.")
    _, page = sessions["operator"].request("/kinerja/entri/")
    rows = numeric_rows(page)
    if not rows:
        sys.exit("Lembar entri operator tidak memuat baris angka untuk disimpan.")
    # each thread its own session, as each person has one
    thread_sessions = [Session(base) for _ in range(threads)]
    for i, session in enumerate(thread_sessions):
        session.login(USERS[i % len(USERS)])
    savers = [i for i in range(threads) if USERS[i % len(USERS)] == "operator"]
    own_row = {i: list(rows[n % len(rows)]) for n, i in enumerate(savers)}

    samples = defaultdict(list)
    errors = defaultdict(int)
    lock = threading.Lock()

    def worker(i):
        username = USERS[i % len(USERS)]
        session = thread_sessions[i]
        rnd = random.Random(i)
        kinds = TRAFFIC[username]
        weights = [w for _, _, w in kinds]
        while time.monotonic() < deadline:
            kind, path, _ = rnd.choices(kinds, weights)[0]
            t0 = time.perf_counter()
            if kind == "simpan":
                row = own_row[i]
                status, body = session.request(
                    row[0],
                    {"nilai": str(rnd.randint(1, 99)), "versi": row[1], "unit": row[2]},
                    {"HX-Request": "true"},
                )
                found = VERSI.search(body)
                if found:
                    row[1] = int(found.group(1))
            else:
                status, _ = session.request(path)
            elapsed = time.perf_counter() - t0
            with lock:
                samples[kind].append(elapsed)
                if status != 200:
                    errors[kind] += 1

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    on_start()
    started = time.monotonic()
    deadline = started + seconds
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return samples, errors, time.monotonic() - started


def pct(values, q):
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def report(samples, errors, wall, rss_before, rss_after, cpu, args):
    total = sum(len(v) for v in samples.values())
    print(f"\n{args.threads} threads, {wall:.1f} s, {args.workers} gunicorn sync workers")
    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; worker CPU "
        f"{cpu:.1f} s = {cpu / max(total, 1) * 1000:.0f} ms per request\n"
    )
    print(f"{'jenis':<12}{'permintaan':>11}{'galat':>7}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}")
    everything = []
    for kind in sorted(samples):
        values = samples[kind]
        everything += values
        print(
            f"{kind:<12}{len(values):>11}{errors[kind]:>7}{len(values) / wall:>8.1f}"
            f"{pct(values, 50) * 1000:>9.0f}{pct(values, 99) * 1000:>9.0f}"
        )
    print(
        f"{'semua':<12}{len(everything):>11}{sum(errors.values()):>7}"
        f"{len(everything) / wall:>8.1f}{pct(everything, 50) * 1000:>9.0f}"
        f"{pct(everything, 99) * 1000:>9.0f}"
    )
    print(
        "\nRSS worker (MB): "
        + ", ".join(
            f"pid {pid}: {rss_before.get(pid) or 0:.0f} -> {rss_after.get(pid) or 0:.0f}"
            for pid in sorted(set(rss_before) | set(rss_after))
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="lama uji (bawaan 60 s)")
    parser.add_argument("--threads", type=int, default=8, help="jumlah utas klien (bawaan 8)")
    parser.add_argument("--workers", type=int, default=2, help="worker gunicorn (bawaan 2)")
    parser.add_argument("--db-url", default="postgres://postgres@127.0.0.1:5432/sakip_bench_load")
    parser.add_argument("--keep-db", action="store_true", help="jangan hapus basis data")
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": args.db_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
    }
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    recreate_database(args.db_url)
    server = None
    try:
        t0 = time.perf_counter()
        subprocess.run([*manage, "load_demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
        print(f"Demo dimuat dalam {time.perf_counter() - t0:.1f} s.")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "sakip.wsgi",
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=env,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/akun/masuk/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("gunicorn tidak menjawab.")
        workers = worker_pids(server.pid)
        rss_before = {pid: rss_mb(pid) for pid in workers}
        cpu_start = []  # after the logins and the warm-up, which are not the traffic

        def on_start():
            cpu_start.append(sum(cpu_seconds(pid) for pid in worker_pids(server.pid)))

        samples, errors, wall = run_traffic(base, args.seconds, args.threads, on_start)
        workers = worker_pids(server.pid)
        rss_after = {pid: rss_mb(pid) for pid in workers}
        cpu = sum(cpu_seconds(pid) for pid in workers) - cpu_start[0]
        report(samples, errors, wall, rss_before, rss_after, cpu, args)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
        if not args.keep_db:
            recreate_database(args.db_url, drop_only=True)


if __name__ == "__main__":
    main()
