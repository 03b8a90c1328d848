#!/usr/bin/python3
"""Two `stafett serve` replicas on one PostgreSQL; one is SIGKILLed mid-run.

usage: replicas_test.py STAFETT_BINARY

What it shows (the issue's done criteria for several replicas):
  - every notification (step_assigned on opening, then the approaching,
    missed and escalated stages of a deadline of a few seconds) reaches a
    webhook receiver that deduplicates on the id, with a valid HMAC-SHA256
    signature, and the e-mail receiver (aiosmtpd), none missing;
  - the receiver fails its first requests and is slow, so work is in
    flight when replica A is killed with SIGKILL; replica B takes over A's
    rows once their leases expire, and the database shows every row
    delivered exactly once (a receiver may see an id twice: at least once,
    deduplicated to exactly once);
  - every deadline stage fired exactly once across the two replicas;
  - `promtool check metrics` accepts GET /metrics.

Needs the CTest `pg` fixture (STAFETT_TEST_PG_DSN_FILE); without it the
test is skipped (exit 77) unless STAFETT_REQUIRE_PG=1 or CI=true. Every
wait is bounded; nothing asserts on speed.
"""
import hashlib
import hmac
import http.server
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77
CASES = 16
TIMEOUT = 180  # seconds; bounds every wait, never reached when green
WEBHOOK_SECRET = "replica-test-" + secrets.token_hex(16)
TOKEN_SECRET = "replica-token-secret-" + secrets.token_hex(16)
METRICS_TOKEN = "replica-metrics-token-" + secrets.token_hex(16)


LOGS = []  # serve logs, shown when the test fails


def fail(msg):
    print("FAIL:", msg, flush=True)
    for path in LOGS:
        try:
            lines = open(path).read().splitlines()
        except OSError:
            continue
        print("--- last lines of", os.path.basename(path))
        for line in lines[-15:]:
            print(line[:400])
    sys.exit(1)


def wait_for(pred, what, timeout=TIMEOUT):
    end = time.time() + timeout
    while time.time() < end:
        if pred():
            return
        time.sleep(0.1)
    fail("timed out waiting for " + what)


class Receiver(http.server.ThreadingHTTPServer):
    """Webhook endpoint: checks signatures, fails and dawdles at first,
    deduplicates on X-Stafett-Id."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.requests = 0
        self.accepted = {}  # id -> event
        self.duplicates = 0
        self.bad = []

    def url(self):
        return "http://127.0.0.1:%d/hook" % self.server_address[1]


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        rid = self.headers.get("X-Stafett-Id", "")
        sig = self.headers.get("X-Stafett-Signature", "")
        want = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body,
                                    hashlib.sha256).hexdigest()
        srv = self.server
        with srv.lock:
            srv.requests += 1
            n = srv.requests
        status = 200
        try:
            doc = json.loads(body)
        except ValueError:
            doc = {}
        if not hmac.compare_digest(sig, want) or doc.get("id") != rid:
            with srv.lock:
                srv.bad.append((rid, sig))
            status = 401
        elif n <= 5:
            status = 503  # the receiver is down at first
        else:
            time.sleep(0.05)  # and slow: work stays in flight
            with srv.lock:
                if rid in srv.accepted:
                    srv.duplicates += 1
                srv.accepted[rid] = doc.get("event")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


def routine_yaml(hook_url):
    return """routine: replika
version: 1
tenant: replika
title: Replikatest
reference_prefix: REP
abuse_step: melding
settings:
  approaching_lead: PT2S
  escalation_grace: PT2S
services:
  - id: skole
    name: Testskolen
    kind: school
    channels:
      email: [skole@test.example]
  - id: team
    name: Ressursteamet
    kind: other
    channels:
      email: [team@test.example]
      webhook:
        url: %s
        secret_env: REPLICA_WEBHOOK_SECRET
    leader:
      email: [leder@test.example]
steps:
  - id: vurdering
    kind: concern
    level: 0
    title: Vurdering i teamet
    responsible: team
    deadline: PT4S
    outcomes:
      - {name: close, to: avsluttet}
  - id: melding
    kind: action
    level: 3
    title: Melding til barnevernet
    responsible: reporter
    deadline: PT8H
    outcomes:
      - {name: done, to: avsluttet}
  - id: avsluttet
    kind: closed
    level: 0
    title: Avsluttet
""" % hook_url


def call(method, url, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def main():
    stafett = sys.argv[1]
    require = os.environ.get("STAFETT_REQUIRE_PG") == "1" or \
        os.environ.get("CI") == "true"
    dsn_file = os.environ.get("STAFETT_TEST_PG_DSN_FILE", "")
    if not dsn_file or not os.path.exists(dsn_file):
        if require:
            fail("PostgreSQL required but STAFETT_TEST_PG_DSN_FILE is unset")
        print("SKIP: PostgreSQL not configured")
        sys.exit(SKIP)
    dsn = open(dsn_file).read().strip()
    schema = "rep_" + secrets.token_hex(6)
    subprocess.run(["psql", dsn, "-qc", "create schema " + schema],
                   check=True)
    db = "%s options='-c search_path=%s'" % (dsn, schema)

    work = tempfile.mkdtemp(prefix="stafett-replicas-")
    procs = {}
    smtp = None
    receiver = Receiver()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        os.mkdir(os.path.join(work, "workflows"))
        with open(os.path.join(work, "workflows", "replika.yaml"), "w") as f:
            f.write(routine_yaml(receiver.url()))

        mail_out = os.path.join(work, "mail.jsonl")
        smtp = subprocess.Popen(
            ["/usr/bin/python3", os.path.join(HERE, "smtp_sink.py"), mail_out,
             "--fail-first", "2"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = smtp.stdout.readline()
        if not line.startswith("PORT "):
            fail("smtp_sink.py did not start (python3-aiosmtpd?)")
        smtp_port = line.split()[1]

        env = dict(os.environ,
                   STAFETT_TOKEN_SECRET=TOKEN_SECRET,
                   STAFETT_METRICS_TOKEN=METRICS_TOKEN,
                   REPLICA_WEBHOOK_SECRET=WEBHOOK_SECRET)
        # Port 0: each replica binds a free port and logs it, so the two
        # can never race for one.
        ports = {}
        for name in ("a", "b"):
            LOGS.append(os.path.join(work, "serve-%s.log" % name))
            log = open(LOGS[-1], "w")
            procs[name] = subprocess.Popen(
                [stafett, "serve", "--db", db,
                 "--routines", os.path.join(work, "workflows"),
                 "--listen", "127.0.0.1:0",
                 "--worker-id", "replica-" + name,
                 "--smtp-host", "127.0.0.1", "--smtp-port", smtp_port,
                 "--smtp-from", "stafett@test.example",
                 "--webhook-timeout", "1", "--lease", "5",
                 "--poll-ms", "100", "--retry-base-ms", "100",
                 "--retry-max-ms", "1000", "--max-attempts", "30"],
                env=env, stdout=log, stderr=subprocess.STDOUT)

        def listening(name):
            if procs[name].poll() is not None:
                fail("replica %s exited at start" % name)
            for line in open(LOGS["ab".index(name)]):
                m = re.search(r'"event":"listening","message":"127\.0\.0\.1:'
                              r'(\d+) ', line)
                if m:
                    ports[name] = int(m.group(1))
                    return True
            return False
        for name in ("a", "b"):
            wait_for(lambda: listening(name), "replica %s to listen" % name)
        base = {n: "http://127.0.0.1:%d" % p for n, p in ports.items()}

        def token(service, role):
            return subprocess.run(
                [stafett, "token", "--tenant", "replika", "--service",
                 service, "--role", role], env=env, check=True,
                capture_output=True, text=True).stdout.strip()
        worker, admin = token("skole", "worker"), token("skole", "admin")

        # Open the cases through both replicas.
        refs = []
        for i in range(CASES):
            status, body = call("POST", base["ab"[i % 2]] + "/api/v1/cases",
                                worker, {"age_band": "6-12",
                                         "categories": ["trivsel"],
                                         "text": "Bekymring nummer %d" % i})
            if status != 201:
                fail("create case: %d %s" % (status, body))
            refs.append(json.loads(body)["reference"])

        # Kill A in the middle of the work: it has delivered some, and it
        # holds leases on more.
        wait_for(lambda: len(receiver.accepted) >= 8, "first deliveries")
        procs["a"].send_signal(signal.SIGKILL)
        procs["a"].wait()
        print("killed replica a after %d accepted webhooks"
              % len(receiver.accepted), flush=True)

        # Every case: step_assigned + approaching + missed by webhook to the
        # team; escalation by e-mail to the leader.
        want_hooks = 3 * CASES
        want_rows = 4 * CASES

        def metrics():
            status, text = call("GET", base["b"] + "/metrics", METRICS_TOKEN)
            if status != 200:
                fail("metrics: %d %s" % (status, text))
            return text

        def gauge(text, name):
            m = re.search(r"^%s (\S+)$" % re.escape(name), text, re.M)
            return float(m.group(1)) if m else -1

        def settled():
            try:
                text = metrics()
            except OSError as e:  # B busy; the wait is bounded
                print("metrics not answered:", e, flush=True)
                return False
            return (gauge(text, 'stafett_outbox_messages{status="delivered"}')
                    == want_rows and
                    gauge(text, 'stafett_outbox_messages{status="pending"}')
                    == 0)
        wait_for(settled, "every notification delivered")
        text = metrics()

        # None missing, each once: receiver side...
        events = {}
        for e in receiver.accepted.values():
            events[e] = events.get(e, 0) + 1
        if len(receiver.accepted) != want_hooks:
            fail("webhook ids: %d, want %d (%s)"
                 % (len(receiver.accepted), want_hooks, events))
        for e in ("step_assigned", "deadline_approaching", "deadline_missed"):
            if events.get(e) != CASES:
                fail("event %s: %s, want %d" % (e, events.get(e), CASES))
        if receiver.bad:
            fail("bad signatures: %s" % receiver.bad[:3])
        mails = [json.loads(l) for l in open(mail_out) if l.strip()]
        mail_ids = set()
        leader = 0
        for m in mails:
            mid = re.search(r"^X-Stafett-Id: (\w+)", m["data"], re.M)
            mail_ids.add(mid.group(1) if mid else None)
            leader += m["rcpt_tos"] == ["leder@test.example"]
        if len(mail_ids) != want_rows:
            fail("e-mail ids: %d, want %d" % (len(mail_ids), want_rows))
        # ... and database side: delivered once per row, stages once each.
        if gauge(text, 'stafett_outbox_messages{status="failed"}') != 0:
            fail("failed notifications:\n" + text)
        if gauge(text, "stafett_notifications_delivered_total") != want_rows:
            fail("delivered_total is not %d:\n%s" % (want_rows, text))
        for stage in ("approaching", "missed", "escalated"):
            name = ('stafett_deadline_firings_total{kind="step",stage="%s"}'
                    % stage)
            if gauge(text, name) != CASES:
                fail("%s = %s, want %d" % (name, gauge(text, name), CASES))
        rows = subprocess.run(
            ["psql", db, "-Atc",
             "select delivered_by, count(*) from outbox group by 1 order by 1"],
            check=True, capture_output=True, text=True).stdout.split()
        firings = subprocess.run(
            ["psql", db, "-Atc",
             "select count(*), count(distinct (case_id, stage)), "
             "sum(case when fired_at >= planned_at then 1 else 0 end) "
             "from deadline_firings"],
            check=True, capture_output=True, text=True).stdout.strip()
        if firings != "%d|%d|%d" % (3 * CASES, 3 * CASES, 3 * CASES):
            fail("deadline_firings (rows|distinct|not early): " + firings)
        status, body = call("GET", base["b"] +
                            "/api/v1/notifications?status=failed", admin)
        if status != 200 or json.loads(body)["items"]:
            fail("failed list: %d %s" % (status, body))

        # promtool accepts the exposition.
        check = subprocess.run(["/usr/bin/promtool", "check", "metrics"],
                               input=text, capture_output=True, text=True)
        if check.returncode != 0 or check.stdout.strip() or \
                check.stderr.strip():
            fail("promtool: %s %s" % (check.stdout, check.stderr))

        print("ok: %d cases, %d notifications, %d webhook ids (%d duplicate "
              "deliveries dropped by the receiver), %d e-mails (%d to the "
              "leader); delivered_by %s"
              % (CASES, want_rows, len(receiver.accepted),
                 receiver.duplicates, len(mails), leader, rows), flush=True)
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    p.kill()
        if smtp is not None:
            smtp.stdin.close()
            try:
                smtp.wait(timeout=10)
            except subprocess.TimeoutExpired:
                smtp.kill()
        receiver.shutdown()
        if os.environ.get("STAFETT_KEEP_TEST_DIR") != "1":
            shutil.rmtree(work, ignore_errors=True)
        subprocess.run(["psql", dsn, "-qc",
                        "set client_min_messages = warning; "
                        "drop schema %s cascade" % schema])


if __name__ == "__main__":
    main()
