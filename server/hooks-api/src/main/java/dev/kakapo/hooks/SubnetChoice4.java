package dev.kakapo.hooks;

import dev.kakapo.protocol.v4.Message4;
import java.util.List;
import java.util.Set;

/**
 * {@code subnet4_select}: the subnet the server chose for the client (by id, 0 when none) out
 * of the configured ones. A callout may choose another configured subnet or none; SKIP means no
 * subnet (the packet is then dropped, as with none).
 */
public final class SubnetChoice4 implements CalloutArguments {
    private final Message4 query;
    private final Set<String> classes;
    private final List<Integer> subnetIds;
    private int subnetId;

    public SubnetChoice4(Message4 query, Set<String> classes, List<Integer> subnetIds, int subnetId) {
        this.query = query;
        this.classes = Set.copyOf(classes);
        this.subnetIds = List.copyOf(subnetIds);
        this.subnetId = subnetId;
    }

    public Message4 query() {
        return query;
    }

    public Set<String> classes() {
        return classes;
    }

    /** Every configured subnet's id, in configuration order (Kea's subnet4collection). */
    public List<Integer> subnetIds() {
        return subnetIds;
    }

    /** The chosen subnet's id, 0 for none. */
    public int subnetId() {
        return subnetId;
    }

    /** Chooses the configured subnet {@code id}, or none with 0. */
    public void selectSubnet(int id) {
        if (id != 0 && !subnetIds.contains(id)) {
            throw new IllegalArgumentException("no configured subnet has id " + id + " (configured: " + subnetIds + ")");
        }
        this.subnetId = id;
    }

    @Override
    public SubnetChoice4 copy() {
        return new SubnetChoice4(query, classes, subnetIds, subnetId);
    }
}
