-- One award (Earn by an uncapped rule) as the points server sends it to PostgreSQL: the statements
-- captured by benchmarks/points/award_statements.py (a group commit of one request, in the steady
-- state, once the process keeps its copies of the account, the rule and the district's policy), in
-- the same four round trips: BEGIN; lock the two balance rows; one message with the balance update
-- and the six inserts (transaction, 2 postings, lot, audit entry, outbox event, idempotency key);
-- COMMIT.
--
-- Run by bench.py with pgbench -M simple (as psycopg2 sends them: the values written into the
-- text, the write message several statements in one query) against a copy of the
-- benchmark's points database (migrated, 16 districts x --accounts funded resident accounts):
--   pgbench -n -M simple -f award.sql -D accounts=100 -D today=... -D expires=... -D now=... -D epoch=...
-- Differences from the server's text: the balances are set by a delta (balance + v.c2) instead of
-- the new values the server computes from the locked rows (pgbench cannot compute them), and the
-- timestamps of a run are one value (-D now, -D epoch; no index holds them).
-- Unique values (transaction, lot, idempotency key, event and request ids) are :client_id and two
-- random 14-digit numbers: no collision across clients; within one client, 8 x 10^27 values.

\set district 310100 + random(1, 16)
\set community :district * 1000000 + 1001
\set subdistrict :district * 1000 + 1
\set owner random(0, :accounts - 1)
\set pool_shard random(0, 15)
\set tx1 random(10000000000000, 99999999999999)
\set tx2 random(10000000000000, 99999999999999)
\set lot1 random(10000000000000, 99999999999999)
\set lot2 random(10000000000000, 99999999999999)
\set key1 random(10000000000000, 99999999999999)
\set key2 random(10000000000000, 99999999999999)
\set ev1 random(10000000000000, 99999999999999)
\set ev2 random(10000000000000, 99999999999999)
\set rq1 random(10000000000000, 99999999999999)
\set rq2 random(10000000000000, 99999999999999)

BEGIN;

SELECT b.account_id, b.shard, b.balance
FROM unnest(ARRAY[':district:pool:moral_bank', ':district:resident:b:owner']::VARCHAR[], ARRAY[:pool_shard, 0]::INTEGER[]) AS k(account_id, shard) JOIN LATERAL (SELECT balances.account_id AS account_id, balances.shard AS shard, balances.balance AS balance
FROM balances
WHERE balances.account_id = k.account_id AND balances.shard = k.shard
 LIMIT 1 FOR UPDATE) AS b ON true
\aset lock_
\set after_balance :lock_balance + 1

SET LOCAL enable_seqscan = off \; UPDATE balances AS t SET balance = t.balance + v.c2 FROM unnest('{":district:pool:moral_bank",":district:resident:b:owner"}'::VARCHAR(120)[], '{":pool_shard","0"}'::INTEGER[], '{"-1","1"}'::BIGINT[]) AS v(c0, c1, c2) WHERE t.account_id = v.c0 AND t.shard = v.c1 \; SET LOCAL enable_seqscan TO DEFAULT \;
INSERT INTO transactions (id, district, kind, status, account_id, points, rule_id, action_type, occurred_on, reverses_id, reason, evidence, source, actor, approved_by, created_at) SELECT * FROM unnest('{":client_id-:tx1:tx2"}'::VARCHAR(32)[], '{":district"}'::VARCHAR(6)[], '{"award"}'::VARCHAR(12)[], '{"posted"}'::VARCHAR(10)[], '{":district:resident:b:owner"}'::VARCHAR(120)[], '{"1"}'::INTEGER[], '{"bench-award-rule-:district"}'::VARCHAR(32)[], '{"bench_award"}'::VARCHAR(60)[], '{":today"}'::DATE[], '{NULL}'::VARCHAR(32)[], '{NULL}'::TEXT[], '{NULL}'::TEXT[], '{NULL}'::VARCHAR(120)[], '{"bench"}'::VARCHAR(100)[], '{NULL}'::VARCHAR(100)[], '{":now"}'::TIMESTAMP WITH TIME ZONE[]) \;
INSERT INTO postings (transaction_id, account_id, amount) SELECT * FROM unnest('{":client_id-:tx1:tx2",":client_id-:tx1:tx2"}'::VARCHAR(32)[], '{":district:pool:moral_bank",":district:resident:b:owner"}'::VARCHAR(120)[], '{"-1","1"}'::INTEGER[]) \;
INSERT INTO lots (id, account_id, transaction_id, earned_on, expires_on, amount, remaining) SELECT * FROM unnest('{":client_id-:lot1:lot2"}'::VARCHAR(32)[], '{":district:resident:b:owner"}'::VARCHAR(120)[], '{":client_id-:tx1:tx2"}'::VARCHAR(32)[], '{":today"}'::DATE[], '{":expires"}'::DATE[], '{"1"}'::INTEGER[], '{"1"}'::INTEGER[]) \;
INSERT INTO audit_log (district, actor, action, subject, reason, before, after, request_id, at) SELECT * FROM unnest('{":district"}'::VARCHAR(6)[], '{"bench"}'::VARCHAR(100)[], '{"post award"}'::VARCHAR(60)[], '{":client_id-:tx1:tx2"}'::VARCHAR(120)[], '{NULL}'::TEXT[], '{"{\"account\": \":district:resident:b:owner\", \"balance\": :lock_balance}"}'::JSON[], '{"{\"account\": \":district:resident:b:owner\", \"balance\": :after_balance}"}'::JSON[], '{":client_id-:rq1:rq2"}'::VARCHAR(64)[], '{":now"}'::TIMESTAMP WITH TIME ZONE[]) \;
INSERT INTO outbox (event_id, event_type, exchange, district, body, request_id, created_at) SELECT * FROM unnest('{"e:client_id-:ev1:ev2"}'::VARCHAR(36)[], '{"points.awarded"}'::VARCHAR(100)[], '{"points.events"}'::VARCHAR(100)[], '{":district"}'::VARCHAR(12)[], '{"{\"event_id\": \"e:client_id-:ev1:ev2\", \"event_type\": \"points.awarded\", \"source\": \"points\", \"occurred_at\": \":now\", \"district\": \":district\", \"subdistrict\": \":subdistrict\", \"payload\": {\"transaction_id\": \":client_id-:tx1:tx2\", \"account_id\": \":district:resident:b:owner\", \"account_kind\": \"resident\", \"owner\": \"b:owner\", \"points\": 1, \"action_type\": \"bench_award\", \"community\": \":community\"}}"}'::TEXT[], '{":client_id-:rq1:rq2"}'::VARCHAR(64)[], '{":epoch"}'::FLOAT[]) \;
INSERT INTO idempotency_keys (district, key, operation, request_hash, response, created_at) SELECT * FROM unnest('{":district"}'::VARCHAR(12)[], '{":client_id-:key1:key2"}'::VARCHAR(128)[], '{"Earn"}'::VARCHAR(100)[], '{"2f4b420d68e377af6d46ad3debe1ca94a1adc3d94f1189b1400803180be9d988"}'::VARCHAR(64)[], '{"{\"id\": \":client_id-:tx1:tx2\", \"kind\": \"award\", \"status\": \"posted\", \"account_id\": \":district:resident:b:owner\", \"points\": 1, \"balance\": :after_balance, \"occurred_on\": \":today\", \"action_type\": \"bench_award\", \"reverses_id\": \"\"}"}'::TEXT[], '{":epoch"}'::FLOAT[]) ON CONFLICT DO NOTHING RETURNING district, key;

COMMIT;
