package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;

import java.util.Comparator;

import static dev.kakapo.coordinator.memfile.KeaCsv.MAX_UINT32;
import static dev.kakapo.coordinator.memfile.KeaCsv.bool;
import static dev.kakapo.coordinator.memfile.KeaCsv.octets;
import static dev.kakapo.coordinator.memfile.KeaCsv.unsigned;

/**
 * One row of Kea's lease6 CSV file. Kakapo writes the Kea 1.1 columns; it reads files of any Kea
 * version by finding its columns by header name, so the {@code user_context}, {@code hwtype},
 * {@code hwaddr_source} and {@code pool_id} columns of newer files are skipped.
 *
 * <p>A lease is identified by its address and lease type together: a delegated prefix may be
 * written with the same address text as an address lease, and the two are different leases.
 */
final class Lease6Csv implements LeaseRowFormat<Lease6> {
    static final String HEADER = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,"
            + "prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state";

    static final Lease6Csv FORMAT = new Lease6Csv();

    /** The prefix length of an address lease (IA_NA, IA_TA); a delegated prefix is at most as long. */
    static final int ADDRESS_PREFIX_LENGTH = 128;

    private static final Comparator<Lease6> BY_ADDRESS_THEN_TYPE =
            Comparator.comparing(Lease6::address).thenComparing(Lease6::type);

    private Lease6Csv() {
    }

    /**
     * Where the columns Kakapo reads sit in one file's rows. {@code hwaddr} is -1 in files older
     * than Kea 1.0, and {@code state} in files older than Kea 1.1.
     */
    record Columns(int count, int address, int duid, int validLifetime, int expire, int subnetId,
                   int preferredLifetime, int leaseType, int iaid, int prefixLength, int fqdnFwd, int fqdnRev,
                   int hostname, int hwaddr, int state) implements Layout<Lease6> {

        static Columns ofHeader(String headerLine) throws BadLeaseRowException {
            KeaCsv.HeaderColumns header = KeaCsv.HeaderColumns.of(headerLine);
            return new Columns(header.count(),
                    header.required("address"), header.required("duid"), header.required("valid_lifetime"),
                    header.required("expire"), header.required("subnet_id"), header.required("pref_lifetime"),
                    header.required("lease_type"), header.required("iaid"), header.required("prefix_len"),
                    header.required("fqdn_fwd"), header.required("fqdn_rev"), header.required("hostname"),
                    header.optional("hwaddr"), header.optional("state"));
        }

        @Override
        public Lease6 parse(String row) throws BadLeaseRowException {
            String[] field = KeaCsv.fields(row, count);
            Ipv6Address parsedAddress = parseAddress(field[address]);
            Octets parsedDuid = octets("duid", field[duid]);
            if (parsedDuid.isEmpty()) {
                throw new BadLeaseRowException("duid is empty; every lease6 row needs one");
            }
            long valid = unsigned("valid_lifetime", field[validLifetime], MAX_UINT32);
            long cltt = KeaCsv.cltt(valid, unsigned("expire", field[expire], Long.MAX_VALUE));
            int subnet = (int) unsigned("subnet_id", field[subnetId], MAX_UINT32);
            long preferred = unsigned("pref_lifetime", field[preferredLifetime], MAX_UINT32);
            LeaseType6 type = parseLeaseType(field[leaseType]);
            long parsedIaid = unsigned("iaid", field[iaid], MAX_UINT32);
            int length = (int) unsigned("prefix_len", field[prefixLength], ADDRESS_PREFIX_LENGTH);
            if (type != LeaseType6.PD) {
                // An address lease is a /128 whatever an odd file says, so it can be written back.
                length = ADDRESS_PREFIX_LENGTH;
            }
            boolean fwd = bool("fqdn_fwd", field[fqdnFwd]);
            boolean rev = bool("fqdn_rev", field[fqdnRev]);
            String name = KeaCsv.unescape(field[hostname]);
            Octets hwAddress = hwaddr < 0 ? Octets.EMPTY : octets("hwaddr", field[hwaddr]);
            return new Lease6(parsedAddress, length, type, parsedDuid, parsedIaid, preferred, valid, cltt,
                    subnet, fwd, rev, name, hwAddress, KeaCsv.state(field, state));
        }
    }

    @Override
    public String header() {
        return HEADER;
    }

    @Override
    public Columns layoutOf(String headerLine) throws BadLeaseRowException {
        return Columns.ofHeader(headerLine);
    }

    /**
     * {@inheritDoc} Besides the times, refused are: an empty DUID (Kea cannot read such a row), a
     * preferred lifetime or IAID beyond 32 bits, and a prefix length beyond 128, or other than 128
     * for an address lease.
     */
    @Override
    public String row(Lease6 lease, long validLifetime) {
        String name = describe(lease);
        if (lease.duid().isEmpty()) {
            throw new IllegalArgumentException("lease " + name + " has an empty duid, which a lease file cannot hold");
        }
        if (lease.preferredLifetime() < 0 || lease.preferredLifetime() > MAX_UINT32) {
            throw new IllegalArgumentException("lease " + name + " has pref_lifetime " + lease.preferredLifetime()
                    + " outside 0.." + MAX_UINT32);
        }
        if (lease.iaid() < 0 || lease.iaid() > MAX_UINT32) {
            throw new IllegalArgumentException("lease " + name + " has iaid " + lease.iaid() + " outside 0.." + MAX_UINT32);
        }
        boolean prefix = lease.type() == LeaseType6.PD;
        if (prefix ? lease.prefixLength() < 0 || lease.prefixLength() > ADDRESS_PREFIX_LENGTH
                : lease.prefixLength() != ADDRESS_PREFIX_LENGTH) {
            throw new IllegalArgumentException("lease " + name + " has prefix_len " + lease.prefixLength()
                    + (prefix ? ", outside 0.." + ADDRESS_PREFIX_LENGTH : "; an address lease has 128"));
        }
        return lease.address().toText() + ',' + lease.duid() + ','
                + KeaCsv.lifetimeAndExpire(name, validLifetime, lease.cltt()) + ','
                + Integer.toUnsignedString(lease.subnetId()) + ',' + lease.preferredLifetime() + ','
                + lease.type().code() + ',' + lease.iaid() + ',' + lease.prefixLength() + ','
                + bool(lease.fqdnFwd()) + ',' + bool(lease.fqdnRev()) + ','
                + KeaCsv.escape(lease.hostname()) + ',' + lease.hwAddress() + ',' + lease.state().code() + '\n';
    }

    @Override
    public long validLifetime(Lease6 lease) {
        return lease.validLifetime();
    }

    /** E.g. "IA_PD 2001:db8:1::/56". */
    @Override
    public String describe(Lease6 lease) {
        return "IA_" + lease.type() + ' ' + lease.address().toText() + '/' + lease.prefixLength();
    }

    @Override
    public Comparator<Lease6> identityOrder() {
        return BY_ADDRESS_THEN_TYPE;
    }

    private static Ipv6Address parseAddress(String text) throws BadLeaseRowException {
        try {
            return Ipv6Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadLeaseRowException("address '" + text + "' is not an IPv6 address");
        }
    }

    private static LeaseType6 parseLeaseType(String text) throws BadLeaseRowException {
        try {
            return LeaseType6.fromCode((int) unsigned("lease_type", text, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new BadLeaseRowException("lease_type '" + text + "' is not 0 (IA_NA), 1 (IA_TA) or 2 (IA_PD)");
        }
    }
}
