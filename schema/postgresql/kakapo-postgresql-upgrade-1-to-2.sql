-- Turns a Kakapo schema version 1 database into version 2: adds Kea 1.1's host reservation
-- tables. A database upgraded from Kea 1.1 already holds them, with its reservations; they are
-- kept as they are, and only the identifier types Kea 1.1 lacks (client-id, flex-id) are added.
--
-- Apply with `kakapo admin db-upgrade postgresql`, or by hand in one transaction:
--   psql --single-transaction -f kakapo-postgresql-upgrade-1-to-2.sql DBNAME

-- Kea's host reservation tables (Kea 1.1's host backend). Codes of hosts.dhcp_identifier_type.
CREATE TABLE IF NOT EXISTS host_identifier_type (
    type SMALLINT PRIMARY KEY NOT NULL,
    name VARCHAR(32) DEFAULT NULL
);
INSERT INTO host_identifier_type VALUES (0, 'hw-address') ON CONFLICT DO NOTHING;
INSERT INTO host_identifier_type VALUES (1, 'duid') ON CONFLICT DO NOTHING;
INSERT INTO host_identifier_type VALUES (2, 'circuit-id') ON CONFLICT DO NOTHING;
INSERT INTO host_identifier_type VALUES (3, 'client-id') ON CONFLICT DO NOTHING;
INSERT INTO host_identifier_type VALUES (4, 'flex-id') ON CONFLICT DO NOTHING;

-- Where an option row applies (dhcp4_options.scope_id, dhcp6_options.scope_id); a reserved
-- option is scope 3.
CREATE TABLE IF NOT EXISTS dhcp_option_scope (
    scope_id SMALLINT PRIMARY KEY NOT NULL,
    scope_name VARCHAR(32) DEFAULT NULL
);
INSERT INTO dhcp_option_scope VALUES (0, 'global') ON CONFLICT DO NOTHING;
INSERT INTO dhcp_option_scope VALUES (1, 'subnet') ON CONFLICT DO NOTHING;
INSERT INTO dhcp_option_scope VALUES (2, 'client-class') ON CONFLICT DO NOTHING;
INSERT INTO dhcp_option_scope VALUES (3, 'host') ON CONFLICT DO NOTHING;

-- One reservation: the client's identifier and what it gets. ipv4_address and
-- dhcp4_next_server are unsigned 32-bit numbers; client classes are comma-separated. A subnet
-- id of 0 is the global scope; NULL means the host has no reservation in that family.
CREATE TABLE IF NOT EXISTS hosts (
    host_id SERIAL PRIMARY KEY NOT NULL,
    dhcp_identifier BYTEA NOT NULL,
    dhcp_identifier_type SMALLINT NOT NULL,
    dhcp4_subnet_id INT DEFAULT NULL,
    dhcp6_subnet_id INT DEFAULT NULL,
    ipv4_address BIGINT DEFAULT NULL,
    hostname VARCHAR(255) DEFAULT NULL,
    dhcp4_client_classes VARCHAR(255) DEFAULT NULL,
    dhcp6_client_classes VARCHAR(255) DEFAULT NULL,
    dhcp4_next_server BIGINT DEFAULT NULL,
    dhcp4_server_hostname VARCHAR(64) DEFAULT NULL,
    dhcp4_boot_file_name VARCHAR(128) DEFAULT NULL,
    CONSTRAINT key_dhcp4_ipv4_address_subnet_id UNIQUE (ipv4_address, dhcp4_subnet_id),
    CONSTRAINT key_dhcp4_identifier_subnet_id UNIQUE (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id),
    CONSTRAINT key_dhcp6_identifier_subnet_id UNIQUE (dhcp_identifier, dhcp_identifier_type, dhcp6_subnet_id),
    CONSTRAINT fk_host_identifier_type FOREIGN KEY (dhcp_identifier_type)
        REFERENCES host_identifier_type (type) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS fk_host_identifier_type ON hosts (dhcp_identifier_type);

-- Options reserved for a host (scope 3), and Kea's other option scopes. value is the option's
-- payload as sent on the wire; formatted_value its text form, when it was given as text.
CREATE TABLE IF NOT EXISTS dhcp4_options (
    option_id SERIAL PRIMARY KEY NOT NULL,
    code SMALLINT NOT NULL,
    value BYTEA,
    formatted_value TEXT,
    space VARCHAR(128) DEFAULT NULL,
    persistent BOOLEAN NOT NULL DEFAULT 'f',
    dhcp_client_class VARCHAR(128) DEFAULT NULL,
    dhcp4_subnet_id INT DEFAULT NULL,
    host_id INT DEFAULT NULL,
    scope_id SMALLINT NOT NULL,
    CONSTRAINT fk_options_host1 FOREIGN KEY (host_id) REFERENCES hosts (host_id) ON DELETE CASCADE,
    CONSTRAINT fk_dhcp4_option_scode FOREIGN KEY (scope_id) REFERENCES dhcp_option_scope (scope_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS fk_dhcp4_options_host1_idx ON dhcp4_options (host_id);
CREATE INDEX IF NOT EXISTS fk_dhcp4_options_scope_idx ON dhcp4_options (scope_id);

CREATE TABLE IF NOT EXISTS dhcp6_options (
    option_id SERIAL PRIMARY KEY NOT NULL,
    code INT NOT NULL,
    value BYTEA,
    formatted_value TEXT,
    space VARCHAR(128) DEFAULT NULL,
    persistent BOOLEAN NOT NULL DEFAULT 'f',
    dhcp_client_class VARCHAR(128) DEFAULT NULL,
    dhcp6_subnet_id INT DEFAULT NULL,
    host_id INT DEFAULT NULL,
    scope_id SMALLINT NOT NULL,
    CONSTRAINT fk_options_host10 FOREIGN KEY (host_id) REFERENCES hosts (host_id) ON DELETE CASCADE,
    CONSTRAINT fk_dhcp6_option_scode FOREIGN KEY (scope_id) REFERENCES dhcp_option_scope (scope_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS fk_dhcp6_options_host1_idx ON dhcp6_options (host_id);
CREATE INDEX IF NOT EXISTS fk_dhcp6_options_scope_idx ON dhcp6_options (scope_id);

-- Reserved IPv6 addresses (type 0, prefix_len 128) and delegated prefixes (type 2). address is
-- RFC 5952 text; dhcp6_iaid the unsigned IAID cast to a signed INT, NULL for any IA.
CREATE TABLE IF NOT EXISTS ipv6_reservations (
    reservation_id SERIAL PRIMARY KEY NOT NULL,
    address VARCHAR(39) NOT NULL,
    prefix_len SMALLINT NOT NULL DEFAULT '128',
    type SMALLINT NOT NULL DEFAULT '0',
    dhcp6_iaid INT DEFAULT NULL,
    host_id INT NOT NULL,
    CONSTRAINT key_dhcp6_address_prefix_len UNIQUE (address, prefix_len),
    CONSTRAINT fk_ipv6_reservations_host FOREIGN KEY (host_id) REFERENCES hosts (host_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS fk_ipv6_reservations_host_idx ON ipv6_reservations (host_id);

UPDATE kakapo_schema_version SET version = 2;
