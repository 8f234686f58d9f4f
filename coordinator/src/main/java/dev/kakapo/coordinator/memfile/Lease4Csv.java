package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Octets;

import java.util.Comparator;

import static dev.kakapo.coordinator.memfile.KeaCsv.MAX_UINT32;
import static dev.kakapo.coordinator.memfile.KeaCsv.bool;
import static dev.kakapo.coordinator.memfile.KeaCsv.octets;
import static dev.kakapo.coordinator.memfile.KeaCsv.unsigned;

/**
 * One row of Kea's lease4 CSV file. Kakapo writes the Kea 1.1 columns, which every Kea since 1.1
 * reads; it reads files of any Kea version by finding its columns by header name, so the
 * {@code user_context} and {@code pool_id} columns of newer files are simply skipped. A lease is
 * identified by its address.
 */
final class Lease4Csv implements LeaseRowFormat<Lease4> {
    static final String HEADER =
            "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state";

    static final Lease4Csv FORMAT = new Lease4Csv();

    private static final Comparator<Lease4> BY_ADDRESS = (a, b) -> Ipv4.compare(a.address(), b.address());

    private Lease4Csv() {
    }

    /**
     * Where the columns Kakapo reads sit in one file's rows. {@code state} is -1 in files older
     * than Kea 1.1, whose leases are all in the default state.
     */
    record Columns(int count, int address, int hwaddr, int clientId, int validLifetime, int expire,
                   int subnetId, int fqdnFwd, int fqdnRev, int hostname, int state) implements Layout<Lease4> {

        static Columns ofHeader(String headerLine) throws BadLeaseRowException {
            KeaCsv.HeaderColumns header = KeaCsv.HeaderColumns.of(headerLine);
            return new Columns(header.count(),
                    header.required("address"), header.required("hwaddr"), header.required("client_id"),
                    header.required("valid_lifetime"), header.required("expire"), header.required("subnet_id"),
                    header.required("fqdn_fwd"), header.required("fqdn_rev"), header.required("hostname"),
                    header.optional("state"));
        }

        @Override
        public Lease4 parse(String row) throws BadLeaseRowException {
            String[] field = KeaCsv.fields(row, count);
            int parsedAddress = parseAddress(field[address]);
            Octets hwAddress = octets("hwaddr", field[hwaddr]);
            Octets parsedClientId = octets("client_id", field[clientId]);
            long valid = unsigned("valid_lifetime", field[validLifetime], MAX_UINT32);
            long cltt = KeaCsv.cltt(valid, unsigned("expire", field[expire], Long.MAX_VALUE));
            int subnet = (int) unsigned("subnet_id", field[subnetId], MAX_UINT32);
            return new Lease4(parsedAddress, hwAddress, parsedClientId, valid, cltt, subnet,
                    bool("fqdn_fwd", field[fqdnFwd]), bool("fqdn_rev", field[fqdnRev]),
                    KeaCsv.unescape(field[hostname]), KeaCsv.state(field, state));
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

    @Override
    public String row(Lease4 lease, long validLifetime) {
        return Ipv4.toText(lease.address()) + ',' + lease.hwAddress() + ',' + lease.clientId() + ','
                + KeaCsv.lifetimeAndExpire(describe(lease), validLifetime, lease.cltt()) + ','
                + Integer.toUnsignedString(lease.subnetId()) + ','
                + bool(lease.fqdnFwd()) + ',' + bool(lease.fqdnRev()) + ','
                + KeaCsv.escape(lease.hostname()) + ',' + lease.state().code() + '\n';
    }

    @Override
    public long validLifetime(Lease4 lease) {
        return lease.validLifetime();
    }

    @Override
    public String describe(Lease4 lease) {
        return lease.addressText();
    }

    @Override
    public Comparator<Lease4> identityOrder() {
        return BY_ADDRESS;
    }

    private static int parseAddress(String text) throws BadLeaseRowException {
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadLeaseRowException("address '" + text + "' is not an IPv4 address");
        }
    }
}
