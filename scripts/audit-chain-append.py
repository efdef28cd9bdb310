#!/usr/bin/env python3
# Appends N audit entries to a Pathway file, hashing them as docs/reliability.md
# describes (an independent implementation of the encoding), then updates the head.
import sqlite3, hashlib, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db, isolation_level=None)
c.execute('BEGIN IMMEDIATE')
head = c.execute("SELECT value FROM database_settings WHERE name='audit_head'").fetchone()[0]
last_id, prev = head.split(' ')
last_id = int(last_id)
def f(b): return str(len(b)).encode() + b':' + b + b','
rows = []
for i in range(1, n + 1):
    id_ = last_id + i
    at = '2026-11-%02dT%02d:%02d:%02d.000Z' % (1 + i % 28, i % 24, i % 60, i % 60)
    fields = [prev.encode(), str(id_).encode(), at.encode(), b'2', b'agarcia', b'view', b'client', str(1 + i % 1000).encode(), b'']
    h = hashlib.sha256(b''.join(f(x) for x in fields)).hexdigest()
    rows.append((id_, at, 2, 'agarcia', 'view', 'client', 1 + i % 1000, '', h))
    prev = h
c.executemany("INSERT INTO audit_log (id, at, user_id, username, action, entity, record_id, detail, hash) VALUES (?,?,?,?,?,?,?,?,?)", rows)
c.execute("UPDATE database_settings SET value = ? WHERE name = 'audit_head'", ('%d %s' % (last_id + n, prev),))
c.execute('COMMIT')
print('appended', n, 'entries; head', last_id + n)
