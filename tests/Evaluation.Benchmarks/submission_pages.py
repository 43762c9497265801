#!/usr/bin/env python3
"""What each table and index of a stored submission costs SQLite alone, with no service in front of it.

One writer (Python's sqlite3, the machine's SQLite), WAL, synchronous FULL, secure_delete on, 50,000 submissions
already stored, then 7 submissions per commit for 6 s, as the service's write queue groups them under load. Each
submission writes what the service writes (a hand-made mirror of src/Evaluation.Api/Storage/Migrations, trimmed to
the columns that size the rows): an idempotency record, a response at a random rowid with its unique text id, its
unique receipt hash and the survey index, and an audit entry. A variant leaves one of them out, to show its share.

    python3 tests/Evaluation.Benchmarks/submission_pages.py full noid nosurvey noidem full
"""
import hashlib, json, os, random, shutil, sqlite3, sys, tempfile, time, uuid


def submissions_per_second(variant, stored=50_000, per_commit=7, seconds=6):
    path = os.path.join(tempfile.mkdtemp(prefix="submission-pages-"), "pages.db")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA secure_delete = ON")
    with_id = "noid" not in variant
    db.execute(f"""CREATE TABLE responses ({'id TEXT NOT NULL UNIQUE,' if with_id else ''} survey_id TEXT NOT NULL,
        organisation_id TEXT NOT NULL, circle_id TEXT NOT NULL, stakeholder_group TEXT NOT NULL, completion_mode TEXT NOT NULL,
        submitted_on TEXT NOT NULL, receipt_hash TEXT NOT NULL UNIQUE, answers TEXT NOT NULL)""")
    if "nosurvey" not in variant:
        db.execute("CREATE INDEX responses_by_survey ON responses (survey_id)")
    db.execute("""CREATE TABLE idempotency_records (scope TEXT NOT NULL, key_hash TEXT NOT NULL, request_hash TEXT NOT NULL,
        status INTEGER NOT NULL, sealed_response BLOB NOT NULL, created_on TEXT NOT NULL, PRIMARY KEY (scope, key_hash)) WITHOUT ROWID""")
    db.execute("""CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, key_id TEXT NOT NULL, action TEXT NOT NULL,
        organisation_id TEXT, hash TEXT)""")
    db.execute("CREATE INDEX audit_log_by_organisation ON audit_log (organisation_id, at)")
    survey, organisation, circle, key = (str(uuid.uuid4()) for _ in range(4))
    answers = json.dumps({f"item-{i:02}-of-the-instrument": random.randint(1, 5) for i in range(36)})
    columns = (["id"] if with_id else []) + ["rowid", "survey_id", "organisation_id", "circle_id", "stakeholder_group",
                                             "completion_mode", "submitted_on", "receipt_hash", "answers"]
    insert = f"INSERT INTO responses ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"

    def submit():
        if "noidem" not in variant:
            db.execute("INSERT INTO idempotency_records VALUES (?, ?, ?, 201, ?, '2026-12-03')",
                       (key, os.urandom(32).hex(), os.urandom(32).hex(), os.urandom(180)))
        values = ([str(uuid.uuid4())] if with_id else []) + [random.getrandbits(63), survey, organisation, circle, "care-worker",
                                                             "paper", "2026-12-03", os.urandom(32).hex(), answers]
        db.execute(insert, values)
        db.execute("INSERT INTO audit_log (at, key_id, action, organisation_id, hash) VALUES ('2026-12-03', ?, 'enter-response', ?, ?)",
                   (key, organisation, hashlib.sha256(os.urandom(8)).hexdigest()))

    db.execute("BEGIN")
    for _ in range(stored):
        submit()
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    started, written = time.monotonic(), 0
    while time.monotonic() - started < seconds:
        db.execute("BEGIN IMMEDIATE")
        for _ in range(per_commit):
            submit()
        db.execute("COMMIT")
        written += per_commit
    rate = written / (time.monotonic() - started)
    db.close()
    shutil.rmtree(os.path.dirname(path))
    return rate


if __name__ == "__main__":
    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}")
    for variant in sys.argv[1:] or ["full", "noid", "nosurvey", "noidem", "full"]:
        print(f"{variant}: {submissions_per_second(variant):.0f} submissions per second", flush=True)
