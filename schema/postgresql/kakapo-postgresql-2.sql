-- Kakapo lease database for PostgreSQL, Kakapo schema version 2.
--
-- The tables are Kea 1.1's (Kea schema version 3.0): the lease tables and the host reservation
-- tables, with Kea's names, columns, keys and lookup rows, so Kea's tools and SQL written for Kea
-- keep working. Kakapo adds a change_seq column to lease4
-- and lease6, keys lease6 by (address, lease_type) and records its own version in
-- kakapo_schema_version; README.md lists every difference.
--
-- Apply with `kakapo admin db-init postgresql`, or by hand in one transaction:
--   psql --single-transaction -f kakapo-postgresql-2.sql DBNAME

-- Kea's lease states (lease4.state, lease6.state).
CREATE TABLE lease_state (
    state INT8 PRIMARY KEY NOT NULL,
    name VARCHAR(64) NOT NULL
);
INSERT INTO lease_state VALUES (0, 'default');
INSERT INTO lease_state VALUES (1, 'declined');
INSERT INTO lease_state VALUES (2, 'expired-reclaimed');

-- What a DHCPv6 lease is for (lease6.lease_type).
CREATE TABLE lease6_types (
    lease_type SMALLINT PRIMARY KEY NOT NULL,
    name VARCHAR(5)
);
INSERT INTO lease6_types VALUES (0, 'IA_NA');
INSERT INTO lease6_types VALUES (1, 'IA_TA');
INSERT INTO lease6_types VALUES (2, 'IA_PD');

-- Where a DHCPv6 client's hardware address was learned (lease6.hwaddr_source).
CREATE TABLE lease_hwaddr_source (
    hwaddr_source INT PRIMARY KEY NOT NULL,
    name VARCHAR(40)
);
INSERT INTO lease_hwaddr_source VALUES (0, 'HWADDR_SOURCE_UNKNOWN');
INSERT INTO lease_hwaddr_source VALUES (1, 'HWADDR_SOURCE_RAW');
INSERT INTO lease_hwaddr_source VALUES (2, 'HWADDR_SOURCE_IPV6_LINK_LOCAL');
INSERT INTO lease_hwaddr_source VALUES (4, 'HWADDR_SOURCE_DUID');
INSERT INTO lease_hwaddr_source VALUES (8, 'HWADDR_SOURCE_CLIENT_ADDR_RELAY_OPTION');
INSERT INTO lease_hwaddr_source VALUES (16, 'HWADDR_SOURCE_REMOTE_ID');
INSERT INTO lease_hwaddr_source VALUES (32, 'HWADDR_SOURCE_SUBSCRIBER_ID');
INSERT INTO lease_hwaddr_source VALUES (64, 'HWADDR_SOURCE_DOCSIS_CMTS');
INSERT INTO lease_hwaddr_source VALUES (128, 'HWADDR_SOURCE_DOCSIS_MODEM');

-- DHCPv4 leases. address is the IPv4 address as an unsigned 32-bit number; expire is
-- cltt + valid_lifetime. change_seq (Kakapo) is the number of the last change written.
CREATE TABLE lease4 (
    address BIGINT PRIMARY KEY NOT NULL,
    hwaddr BYTEA,
    client_id BYTEA,
    valid_lifetime BIGINT,
    expire TIMESTAMP WITH TIME ZONE,
    subnet_id BIGINT,
    fqdn_fwd BOOLEAN,
    fqdn_rev BOOLEAN,
    hostname VARCHAR(255),
    state INT8 DEFAULT 0,
    change_seq BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT fk_lease4_state FOREIGN KEY (state) REFERENCES lease_state (state)
);
CREATE INDEX lease4_by_hwaddr_subnet_id ON lease4 (hwaddr, subnet_id);
CREATE INDEX lease4_by_client_id_subnet_id ON lease4 (client_id, subnet_id);
CREATE INDEX lease4_by_state_expire ON lease4 (state ASC, expire ASC);

-- DHCPv6 leases. address is RFC 5952 text; iaid holds the unsigned 32-bit IAID cast to a
-- signed INT, as Kea writes it. Keyed by (address, lease_type), where Kea keys by address.
CREATE TABLE lease6 (
    address VARCHAR(39) NOT NULL,
    duid BYTEA,
    valid_lifetime BIGINT,
    expire TIMESTAMP WITH TIME ZONE,
    subnet_id BIGINT,
    pref_lifetime BIGINT,
    lease_type SMALLINT NOT NULL,
    iaid INT,
    prefix_len SMALLINT,
    fqdn_fwd BOOLEAN,
    fqdn_rev BOOLEAN,
    hostname VARCHAR(255),
    state INT8 DEFAULT 0,
    hwaddr BYTEA,
    hwtype SMALLINT,
    hwaddr_source SMALLINT,
    change_seq BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT lease6_pkey PRIMARY KEY (address, lease_type),
    CONSTRAINT fk_lease6_type FOREIGN KEY (lease_type) REFERENCES lease6_types (lease_type),
    CONSTRAINT fk_lease6_state FOREIGN KEY (state) REFERENCES lease_state (state)
);
CREATE INDEX lease6_by_iaid_subnet_id_duid ON lease6 (iaid, subnet_id, duid);
CREATE INDEX lease6_by_state_expire ON lease6 (state ASC, expire ASC);

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

-- Kea's schema version: these tables are Kea's 3.0 (Kea 1.1).
CREATE TABLE schema_version (
    version INT PRIMARY KEY NOT NULL,
    minor INT
);
INSERT INTO schema_version VALUES (3, 0);

-- Kakapo's schema version, which Kakapo's lease stores check when they open.
CREATE TABLE kakapo_schema_version (
    version INT PRIMARY KEY NOT NULL
);
INSERT INTO kakapo_schema_version VALUES (2);
