/** Representative Flink SQL statements (DDL, Nexmark-style queries, utility statements) shared by round-trip tests. */
export const CORPUS: string[] = [
  `CREATE TABLE bid (
     auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
     dateTime TIMESTAMP(3), extra VARCHAR,
     WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
   ) WITH ('connector' = 'datagen', 'rows-per-second' = '1000')`,
  `CREATE TEMPORARY TABLE IF NOT EXISTS c.d.t (id INT NOT NULL, v AS id * 2 COMMENT 'twice', m STRING METADATA FROM 'k' VIRTUAL,
     r ROW<a INT, \`b c\` ARRAY<STRING NOT NULL>>, mp MAP<STRING, DECIMAL(10, 2)>, PRIMARY KEY (id) NOT ENFORCED)
     COMMENT 'tbl' PARTITIONED BY (id) WITH ('connector' = 'filesystem', 'path' = '/tmp/x', 'format' = 'csv')`,
  `CREATE TABLE d WITH ('k' = 'v') LIKE base (EXCLUDING ALL INCLUDING WATERMARKS)`,
  `CREATE TABLE s WITH ('connector' = 'print') AS SELECT a, COUNT(*) AS c FROM t GROUP BY a`,
  `CREATE CATALOG my WITH ('type' = 'generic_in_memory')`,
  `CREATE DATABASE IF NOT EXISTS my.db COMMENT 'x'`,
  `CREATE VIEW v (a, b) AS SELECT x, y FROM t WHERE x IS NOT NULL`,
  `CREATE TEMPORARY SYSTEM FUNCTION f AS 'com.example.F' LANGUAGE SCALA`,
  `ALTER TABLE t ADD (x INT AFTER y, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)`,
  `ALTER TABLE t SET ('a' = 'b')`,
  `DROP TEMPORARY VIEW IF EXISTS v`,
  `INSERT INTO sink /*+ OPTIONS('sink.parallelism' = '2') */ PARTITION (dt = '2024-01-01') (a, b) SELECT a, b FROM src`,
  `EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT * FROM t; INSERT OVERWRITE b SELECT * FROM t; END`,
  // Nexmark q0..q8 style queries
  `SELECT auction, bidder, price, dateTime, extra FROM bid`,
  `SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid`,
  `SELECT auction, price FROM bid WHERE auction = 1007 OR auction = 1020 OR auction = 2001 OR auction = 2019 OR auction = 2087`,
  `SELECT P.name, P.city, P.state, A.id FROM auction AS A INNER JOIN person AS P ON A.seller = P.id
     WHERE A.category = 10 AND (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA')`,
  `SELECT Q.category, AVG(Q.final) FROM (SELECT MAX(B.price) AS final, A.category FROM auction A, bid B
     WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires GROUP BY A.id, A.category) Q GROUP BY Q.category`,
  `SELECT AuctionBids.auction, AuctionBids.num FROM (
     SELECT auction, count(*) AS num, window_start AS starttime, window_end AS endtime
     FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
     GROUP BY auction, window_start, window_end) AS AuctionBids
   JOIN (SELECT max(CountBids.num) AS maxn, CountBids.starttime, CountBids.endtime FROM (
       SELECT count(*) AS num, window_start AS starttime, window_end AS endtime
       FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
       GROUP BY auction, window_start, window_end) AS CountBids
     GROUP BY CountBids.starttime, CountBids.endtime) AS MaxBids
   ON AuctionBids.starttime = MaxBids.starttime AND AuctionBids.endtime = MaxBids.endtime AND AuctionBids.num >= MaxBids.maxn`,
  `SELECT B.auction, B.price, B.bidder, B.dateTime, B.extra FROM bid B JOIN (
     SELECT MAX(price) AS maxprice, window_end AS dateTime FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))
     GROUP BY window_start, window_end) B1 ON B.price = B1.maxprice
   WHERE B.dateTime BETWEEN B1.dateTime - INTERVAL '10' SECOND AND B1.dateTime`,
  `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY dateTime DESC) AS rownum FROM auction) WHERE rownum <= 1`,
  `SELECT bidder, count(*) AS bid_count, SESSION_START(dateTime, INTERVAL '10' SECOND) AS starttime
   FROM bid GROUP BY bidder, SESSION(dateTime, INTERVAL '10' SECOND)`,
  `SELECT DATE_FORMAT(dateTime, 'yyyy-MM-dd') AS day, count(*) AS total_bids,
     count(*) FILTER (WHERE price < 10000) AS rank1_bids, count(DISTINCT bidder) AS total_bidders,
     count(DISTINCT bidder) FILTER (WHERE price >= 10000 AND price < 1000000) AS rank2_bidders
   FROM bid GROUP BY DATE_FORMAT(dateTime, 'yyyy-MM-dd')`,
  `SELECT auction, bidder, price, channel, CASE WHEN lower(channel) = 'apple' THEN '0' WHEN lower(channel) = 'google' THEN '1'
     ELSE REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) END AS channel_id FROM bid
   WHERE REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) IS NOT NULL OR lower(channel) IN ('apple', 'google', 'facebook', 'baidu')`,
  `SELECT o.id, r.rate FROM orders AS o LEFT JOIN rates FOR SYSTEM_TIME AS OF o.proc AS r ON o.cur = r.cur`,
  `SELECT t.id, tag, n FROM t CROSS JOIN UNNEST(t.tags) WITH ORDINALITY AS u(tag, n)`,
  `SELECT a, w FROM t LEFT JOIN LATERAL TABLE(split(a, ',')) AS T(w) ON TRUE`,
  `SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) FROM t`,
  `SELECT a, SUM(b) OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)`,
  `SELECT window_start, a, b, COUNT(*) FROM TABLE(CUMULATE(DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), STEP => INTERVAL '1' MINUTE,
     SIZE => INTERVAL '1' HOUR)) GROUP BY window_start, window_end, GROUPING SETS ((a, b), (a), ())`,
  `SELECT a FROM t GROUP BY ROLLUP(a, b), CUBE(c) HAVING COUNT(*) > 1 ORDER BY a ASC NULLS LAST LIMIT 5 OFFSET 1`,
  `WITH x AS (SELECT 1 AS a), y (b) AS (SELECT a FROM x) SELECT * FROM y UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4`,
  `(SELECT 1 UNION SELECT 2) UNION ALL (SELECT 3 ORDER BY 1 LIMIT 1)`,
  `VALUES (1, 'a', TRUE), (2, 'it''s', NULL)`,
  `SELECT CAST(a AS DECIMAL(10, 2)), TRY_CAST(b AS INT NOT NULL), EXTRACT(DOW FROM ts), POSITION('x' IN s),
     TRIM(BOTH 'x' FROM s), SUBSTRING(s FROM 2 FOR 3), OVERLAY(s PLACING 'ab' FROM 2 FOR 1), CEIL(ts TO HOUR), FLOOR(x),
     TIMESTAMPDIFF(SECOND, a, b), ARRAY[1, 2][1], MAP['k', 1]['k'], ROW(1, 'x'), (1, 2), r.f.g, f(x).y,
     X'CAFE', U&'\\00e9', DATE '2020-01-01', TIME '10:00:00', TIMESTAMP '2020-01-01 00:00:00.123',
     INTERVAL '1-2' YEAR TO MONTH, INTERVAL '1 10:00:00.5' DAY TO SECOND(3), -a, - -1, NOT NOT b, CURRENT_TIMESTAMP, PROCTIME(),
     a || b + c * d, (a || b) * c, a = b IS NULL, a = (b IS NULL), NOT (a AND b), (a OR b) AND c, a - (b - c), a - b - c,
     a NOT BETWEEN SYMMETRIC 1 AND 2, s NOT LIKE 'a%' ESCAPE '!', s SIMILAR TO 'x', a IS NOT DISTINCT FROM b,
     EXISTS (SELECT 1), a IN (SELECT b FROM u), a = ANY (SELECT b FROM u), (SELECT MAX(b) FROM u), f(x => 1, y => 'z'),
     ? + ?, \`select\`, \`a\`\`b\`, CASE a WHEN 1 THEN 'one' ELSE 'many' END FROM t`,
  `SELECT /*+ BROADCAST(d) */ * FROM a /*+ OPTIONS('k' = 'v') */ JOIN d ON a.k = d.k NATURAL JOIN e, f CROSS JOIN g`,
  `SELECT * FROM (a JOIN b ON TRUE) JOIN c USING (k)`,
  `SELECT * FROM TABLE(SESSION(TABLE bid PARTITION BY bidder, DESCRIPTOR(dateTime), INTERVAL '5' MINUTE))`,
  `EXPLAIN CHANGELOG_MODE, PLAN_ADVICE SELECT 1`,
  `EXPLAIN PLAN FOR INSERT INTO s SELECT * FROM t`,
  `SET 'table.exec.state.ttl' = '1 h'`,
  `RESET 'k'`,
  `USE CATALOG c`,
  `USE c.d`,
  `SHOW TABLES FROM c.d LIKE 'a%'`,
  `SHOW CREATE TABLE c.d.t`,
  `DESCRIBE EXTENDED t`,
];
