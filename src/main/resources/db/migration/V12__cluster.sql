-- Several nodes on one PostgreSQL (issue #13). Written for H2 and PostgreSQL alike; H2 homes get the
-- tables too and leave them empty (one node, Quartz in memory).

-- Quartz's clustered JDBC job store needs its own tables too: db.migration.V12_1__QuartzTables makes them
-- by the script the packaged Quartz ships for the database in use.

-- The nodes sharing the database: each writes last_seen every dipwatch.cluster.checkin-ms. A node not
-- seen for three check-ins is gone: the inbox files it claimed are taken by another.
CREATE TABLE cluster_node (
    node_id     VARCHAR(200)  NOT NULL PRIMARY KEY,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- An inbox file taken by one node: claim_key is the SHA-256 of its place in inbox/, size and
-- modification time (the same file found by two nodes has one key). done: judged and moved out of
-- inbox/; a claim not done whose node is gone is taken over. Done claims are pruned after a day.
CREATE TABLE inbox_claim (
    claim_key   VARCHAR(64)   NOT NULL PRIMARY KEY,
    file_name   VARCHAR(1000) NOT NULL,
    node_id     VARCHAR(200)  NOT NULL,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    done        BOOLEAN       DEFAULT FALSE NOT NULL
);

-- One row per delivery lane (a subscription's channel): a node delivering the lane holds its row
-- locked (SELECT ... FOR UPDATE SKIP LOCKED) for the run, so one node at a time serves a lane, in order.
CREATE TABLE alert_lane (
    subscription_id  VARCHAR(100)  NOT NULL,
    channel          VARCHAR(16)   NOT NULL,
    PRIMARY KEY (subscription_id, channel)
);
