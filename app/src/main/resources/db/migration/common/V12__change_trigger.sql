-- Change-triggered sync (M2): the Graph change-notification subscriptions this PBX holds (only a
-- hash of each clientState is kept: it is compared, never sent again), and the one debounce window
-- shared by every instance, with the time of the last delta poll.

CREATE TABLE graph_subscription (
    id                 VARCHAR(128) NOT NULL PRIMARY KEY,
    resource           VARCHAR(64)  NOT NULL,
    client_state_hash  VARCHAR(64)  NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE change_window (
    id          INTEGER NOT NULL PRIMARY KEY,
    opened_at   TIMESTAMP WITH TIME ZONE,
    events      INTEGER NOT NULL,
    polled_at   TIMESTAMP WITH TIME ZONE,
    problem     VARCHAR(1000)
);

INSERT INTO change_window (id, events) VALUES (1, 0);
