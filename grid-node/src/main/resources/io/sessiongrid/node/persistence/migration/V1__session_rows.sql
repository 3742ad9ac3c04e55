-- One row per live session of each session map. The key is the session key (a hash of the id, never the id); the
-- record is the durable bytes of the grid's record (attribute values as the grid holds them, encrypted when
-- encryption is on). expires_at is epoch milliseconds (9223372036854775807: never), so that loading skips and the
-- sweep deletes what has expired, and version keeps a late write from replacing a newer row.
CREATE TABLE sessiongrid_sessions (
    map_name    VARCHAR(100) NOT NULL,
    session_key VARCHAR(128) NOT NULL,
    principal   TEXT,
    expires_at  BIGINT       NOT NULL,
    version     BIGINT       NOT NULL,
    record      BYTEA        NOT NULL,
    PRIMARY KEY (map_name, session_key)
);

CREATE INDEX sessiongrid_sessions_expiry ON sessiongrid_sessions (expires_at);
CREATE INDEX sessiongrid_sessions_principal ON sessiongrid_sessions (map_name, principal);
