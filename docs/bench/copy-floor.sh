#!/bin/bash
# The database's own share of a first sync's new extensions (issue 15): how long PostgreSQL takes
# to store 100,000 extension rows sent by one COPY, with no JVM making them. The table is the
# product's extension table as the migrations leave it (three unique constraints, the primary key,
# the generated zero-padded number and its index, the partial index on the mobile suffix). Ids are
# time-ordered (version 7) as the product makes them, or random (version 4) for comparison.
#
# usage: docs/bench/copy-floor.sh [rounds]    (needs Debian's postgresql-15; runs as root or a user)
set -euo pipefail
ROUNDS=${1:-3}
BIN=/usr/lib/postgresql/15/bin
DIR=$(mktemp -d /tmp/copy-floor.XXXXXX)
PORT=55433
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/data/log" -w start \
  -o "-p $PORT -k $DIR -c synchronous_commit=off -c shared_buffers=256MB" >/dev/null
trap 'as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null; rm -rf "$DIR"' EXIT
PSQL="psql -h $DIR -p $PORT -U postgres -q -v ON_ERROR_STOP=1"

python3 - "$DIR" <<'EOF'
import random, sys, uuid
random.seed(15)
out = sys.argv[1]
def v7(i):
    millis = 1_765_000_000_000 + i
    rand = random.getrandbits(74)
    return str(uuid.UUID(int=(millis << 80) | (7 << 76) | ((rand >> 62) << 64) | (2 << 62) | (rand & ((1 << 62) - 1))))
with open(out + "/v4.tsv", "w") as a, open(out + "/v7.tsv", "w") as b:
    for i in range(100_000):
        mobile = random.choice(["+1 206 555 %d" % random.randint(1000, 9999),
                                "0171 %d" % random.randint(1000000, 9999999), None, None])
        digits = "".join(c for c in mobile if c.isdigit()) if mobile else ""
        mail = "user%d.%s@contoso.example" % (i, uuid.uuid4().hex[:6])
        row = [str(100000 + i), "Given%d" % i, "Surname%d" % i, mail, mail.lower(),
               mobile or r"\N", "Engineer", "AVAILABLE", "MICROSOFT_365", str(uuid.uuid4()), "f",
               "2026-12-07 10:00:00+00", "2026-12-07 10:00:00+00",
               digits[-6:] if mobile else r"\N", "+" + digits if mobile and mobile.startswith("+") else r"\N"]
        a.write(str(uuid.uuid4()) + "\t" + "\t".join(row) + "\n")
        b.write(v7(i) + "\t" + "\t".join(row) + "\n")
EOF
chmod 644 "$DIR"/*.tsv

COLS="id,number,first_name,last_name,email,email_key,mobile_number,job_title,presence,origin,source_id,number_from_source,created_at,updated_at,mobile_suffix,mobile_match_key"
one() {
  $PSQL -c "DROP TABLE IF EXISTS extension" -c "CREATE TABLE extension (
      id UUID NOT NULL PRIMARY KEY, number VARCHAR(15) NOT NULL, first_name VARCHAR(100),
      last_name VARCHAR(100), email VARCHAR(254), email_key VARCHAR(254), mobile_number VARCHAR(40),
      job_title VARCHAR(128), presence VARCHAR(20) NOT NULL, origin VARCHAR(20) NOT NULL,
      source_id VARCHAR(64), number_from_source BOOLEAN NOT NULL DEFAULT FALSE,
      created_at TIMESTAMP WITH TIME ZONE NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
      mobile_suffix VARCHAR(6), mobile_match_key VARCHAR(70),
      number_key VARCHAR(15) GENERATED ALWAYS AS (LPAD(number, 15, '0')) STORED,
      CONSTRAINT uq_extension_number UNIQUE (number), CONSTRAINT uq_extension_email UNIQUE (email_key),
      CONSTRAINT uq_extension_source UNIQUE (source_id))" \
    -c "CREATE INDEX ix_extension_number_key ON extension (number_key)" \
    -c "CREATE INDEX ix_extension_mobile_suffix ON extension (mobile_suffix) WHERE mobile_suffix IS NOT NULL" \
    -c "CHECKPOINT" 2>/dev/null
  local start end
  start=$(date +%s%N)
  $PSQL -c "\\copy extension ($COLS) FROM '$DIR/$1.tsv'"
  end=$(date +%s%N)
  echo "$1 $(( (end - start) / 1000000 )) ms"
}
for _ in $(seq "$ROUNDS"); do one v7; one v4; done
