package dev.kakapo.coordinator.allocator;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact binary forms of everything the allocator puts through Hazelcast: map keys and values,
 * entry processors and their results. Java serialization of these records cost tens of
 * microseconds per call (class descriptors, reflection); these write a few fields. Members and
 * clients of a cluster register the same set, so both sides read what the other wrote.
 */
public final class AllocatorSerializers {
    private AllocatorSerializers() {
    }

    /** Adds every serializer to {@code config} (a member's or a client's). */
    public static void register(SerializationConfig config) {
        for (Entry<?> e : ENTRIES) {
            config.addSerializerConfig(new SerializerConfig().setTypeClass(e.type()).setImplementation(e.serializer()));
        }
    }

    private record Entry<T>(Class<T> type, StreamSerializer<T> serializer) {
    }

    /** What a serializer writes and reads; the type id is its place in {@link #ENTRIES}. */
    private interface Format<T> {
        void write(ObjectDataOutput out, T value) throws IOException;

        T read(ObjectDataInput in) throws IOException;
    }

    private static <T> Entry<T> entry(int typeId, Class<T> type, Format<T> format) {
        return new Entry<>(type, new StreamSerializer<>() {
            @Override
            public void write(ObjectDataOutput out, T value) throws IOException {
                format.write(out, value);
            }

            @Override
            public T read(ObjectDataInput in) throws IOException {
                return format.read(in);
            }

            @Override
            public int getTypeId() {
                return typeId;
            }
        });
    }

    private static void octets(ObjectDataOutput out, Octets o) throws IOException {
        out.writeByteArray(o.toByteArray());
    }

    private static Octets octets(ObjectDataInput in) throws IOException {
        return Octets.of(in.readByteArray());
    }

    private static <T> void list(ObjectDataOutput out, List<T> values) throws IOException {
        out.writeInt(values.size());
        for (T v : values) {
            out.writeObject(v);
        }
    }

    private static <T> List<T> list(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readObject());
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final List<Entry<?>> ENTRIES = List.of(
            entry(7101, Octets.class, new Format<>() {
                public void write(ObjectDataOutput out, Octets v) throws IOException {
                    octets(out, v);
                }

                public Octets read(ObjectDataInput in) throws IOException {
                    return octets(in);
                }
            }),
            entry(7102, Ipv6Address.class, new Format<>() {
                public void write(ObjectDataOutput out, Ipv6Address v) throws IOException {
                    out.writeLong(v.high());
                    out.writeLong(v.low());
                }

                public Ipv6Address read(ObjectDataInput in) throws IOException {
                    return new Ipv6Address(in.readLong(), in.readLong());
                }
            }),
            entry(7103, BlockKey4.class, new Format<>() {
                public void write(ObjectDataOutput out, BlockKey4 v) throws IOException {
                    out.writeInt(v.subnetId());
                    out.writeInt(v.firstAddress());
                }

                public BlockKey4 read(ObjectDataInput in) throws IOException {
                    return new BlockKey4(in.readInt(), in.readInt());
                }
            }),
            entry(7104, BlockKey6.class, new Format<>() {
                public void write(ObjectDataOutput out, BlockKey6 v) throws IOException {
                    out.writeInt(v.subnetId());
                    out.writeByte(v.type().code());
                    out.writeLong(v.first().high());
                    out.writeLong(v.first().low());
                    out.writeByte(v.slotLength());
                }

                public BlockKey6 read(ObjectDataInput in) throws IOException {
                    return new BlockKey6(in.readInt(), LeaseType6.fromCode(in.readByte()), new Ipv6Address(in.readLong(), in.readLong()),
                            in.readByte() & 0xff);
                }
            }),
            entry(7105, ClientKey4.class, new Format<>() {
                public void write(ObjectDataOutput out, ClientKey4 v) throws IOException {
                    out.writeInt(v.subnetId());
                    out.writeByte(v.kind().ordinal());
                    octets(out, v.identifier());
                }

                public ClientKey4 read(ObjectDataInput in) throws IOException {
                    return new ClientKey4(in.readInt(), ClientKey4.Kind.values()[in.readByte()], octets(in));
                }
            }),
            entry(7106, ClientKey6.class, new Format<>() {
                public void write(ObjectDataOutput out, ClientKey6 v) throws IOException {
                    out.writeInt(v.subnetId());
                    out.writeByte(v.type().code());
                    octets(out, v.duid());
                    out.writeLong(v.iaid());
                }

                public ClientKey6 read(ObjectDataInput in) throws IOException {
                    return new ClientKey6(in.readInt(), LeaseType6.fromCode(in.readByte()), octets(in), in.readLong());
                }
            }),
            entry(7107, PartitionedAllocator6.Slot.class, new Format<>() {
                public void write(ObjectDataOutput out, PartitionedAllocator6.Slot v) throws IOException {
                    out.writeObject(v.address());
                    out.writeByte(v.length());
                }

                public PartitionedAllocator6.Slot read(ObjectDataInput in) throws IOException {
                    return new PartitionedAllocator6.Slot(in.readObject(), in.readByte() & 0xff);
                }
            }),
            entry(7108, Lease4.class, new Format<>() {
                public void write(ObjectDataOutput out, Lease4 v) throws IOException {
                    out.writeInt(v.address());
                    octets(out, v.hwAddress());
                    octets(out, v.clientId());
                    out.writeLong(v.validLifetime());
                    out.writeLong(v.cltt());
                    out.writeInt(v.subnetId());
                    out.writeBoolean(v.fqdnFwd());
                    out.writeBoolean(v.fqdnRev());
                    out.writeString(v.hostname());
                    out.writeByte(v.state().code());
                }

                public Lease4 read(ObjectDataInput in) throws IOException {
                    return new Lease4(in.readInt(), octets(in), octets(in), in.readLong(), in.readLong(), in.readInt(), in.readBoolean(),
                            in.readBoolean(), in.readString(), LeaseState.fromCode(in.readByte()));
                }
            }),
            entry(7109, Lease6.class, new Format<>() {
                public void write(ObjectDataOutput out, Lease6 v) throws IOException {
                    out.writeObject(v.address());
                    out.writeByte(v.prefixLength());
                    out.writeByte(v.type().code());
                    octets(out, v.duid());
                    out.writeLong(v.iaid());
                    out.writeLong(v.preferredLifetime());
                    out.writeLong(v.validLifetime());
                    out.writeLong(v.cltt());
                    out.writeInt(v.subnetId());
                    out.writeBoolean(v.fqdnFwd());
                    out.writeBoolean(v.fqdnRev());
                    out.writeString(v.hostname());
                    octets(out, v.hwAddress());
                    out.writeByte(v.state().code());
                }

                public Lease6 read(ObjectDataInput in) throws IOException {
                    return new Lease6(in.readObject(), in.readByte() & 0xff, LeaseType6.fromCode(in.readByte()), octets(in), in.readLong(),
                            in.readLong(), in.readLong(), in.readLong(), in.readInt(), in.readBoolean(), in.readBoolean(), in.readString(),
                            octets(in), LeaseState.fromCode(in.readByte()));
                }
            }),
            entry(7110, ClientIdentity4.class, new Format<>() {
                public void write(ObjectDataOutput out, ClientIdentity4 v) throws IOException {
                    octets(out, v.hwAddress());
                    octets(out, v.clientId());
                    out.writeBoolean(v.matchClientId());
                }

                public ClientIdentity4 read(ObjectDataInput in) throws IOException {
                    return new ClientIdentity4(octets(in), octets(in), in.readBoolean());
                }
            }),
            entry(7111, ClientIdentity6.class, new Format<>() {
                public void write(ObjectDataOutput out, ClientIdentity6 v) throws IOException {
                    octets(out, v.duid());
                    out.writeLong(v.iaid());
                    out.writeByte(v.type().code());
                }

                public ClientIdentity6 read(ObjectDataInput in) throws IOException {
                    return new ClientIdentity6(octets(in), in.readLong(), LeaseType6.fromCode(in.readByte()));
                }
            }),
            entry(7112, AddressRange.class, new Format<>() {
                public void write(ObjectDataOutput out, AddressRange v) throws IOException {
                    out.writeInt(v.first());
                    out.writeInt(v.last());
                }

                public AddressRange read(ObjectDataInput in) throws IOException {
                    return new AddressRange(in.readInt(), in.readInt());
                }
            }),
            entry(7113, SlotRange6.class, new Format<>() {
                public void write(ObjectDataOutput out, SlotRange6 v) throws IOException {
                    out.writeObject(v.first());
                    out.writeObject(v.last());
                    out.writeByte(v.slotLength());
                }

                public SlotRange6 read(ObjectDataInput in) throws IOException {
                    return new SlotRange6(in.readObject(), in.readObject(), in.readByte() & 0xff);
                }
            }),
            entry(7114, PoolSlots4.class, new Format<>() {
                public void write(ObjectDataOutput out, PoolSlots4 v) throws IOException {
                    out.writeInt(v.firstAddress());
                    list(out, v.pools());
                }

                public PoolSlots4 read(ObjectDataInput in) throws IOException {
                    return new PoolSlots4(in.readInt(), list(in));
                }
            }),
            entry(7115, PoolSlots6.class, new Format<>() {
                public void write(ObjectDataOutput out, PoolSlots6 v) throws IOException {
                    out.writeObject(v.block());
                    list(out, v.pools());
                }

                public PoolSlots6 read(ObjectDataInput in) throws IOException {
                    return new PoolSlots6(in.readObject(), list(in));
                }
            }),
            entry(7116, Lease4Kind.class, new Format<>() {
                public void write(ObjectDataOutput out, Lease4Kind v) {
                }

                public Lease4Kind read(ObjectDataInput in) {
                    return Lease4Kind.INSTANCE;
                }
            }),
            entry(7117, Lease6Kind.class, new Format<>() {
                public void write(ObjectDataOutput out, Lease6Kind v) {
                }

                public Lease6Kind read(ObjectDataInput in) {
                    return Lease6Kind.INSTANCE;
                }
            }),
            entry(7118, BlockChange.class, new Format<BlockChange>() {
                public void write(ObjectDataOutput out, BlockChange v) throws IOException {
                    out.writeByte(v.outcome().ordinal());
                    out.writeObject(v.lease());
                    out.writeObject(v.previous());
                    out.writeBoolean(v.removed());
                    out.writeLong(v.seq());
                }

                public BlockChange read(ObjectDataInput in) throws IOException {
                    return new BlockChange<>(Commit.Outcome.values()[in.readByte()], in.readObject(), in.readObject(), in.readBoolean(),
                            in.readLong());
                }
            }),
            entry(7119, Block.class, new Format<Block>() {
                public void write(ObjectDataOutput out, Block v) throws IOException {
                    v.writeTo(out);
                }

                public Block read(ObjectDataInput in) throws IOException {
                    return Block.readFrom(in);
                }
            }),
            entry(7120, BlockProcessors.Offer.class, new Format<BlockProcessors.Offer>() {
                public void write(ObjectDataOutput out, BlockProcessors.Offer v) throws IOException {
                    out.writeObject(v.client());
                    out.writeInt(v.preferred());
                    out.writeBoolean(v.searchOthers());
                    out.writeObject(v.allowed());
                    out.writeObject(v.kind());
                    out.writeLong(v.now());
                    out.writeLong(v.holdSeconds());
                }

                public BlockProcessors.Offer read(ObjectDataInput in) throws IOException {
                    return new BlockProcessors.Offer<>(in.readObject(), in.readInt(), in.readBoolean(), in.readObject(), in.readObject(),
                            in.readLong(), in.readLong());
                }
            }),
            entry(7121, BlockProcessors.Grant.class, new Format<BlockProcessors.Grant>() {
                public void write(ObjectDataOutput out, BlockProcessors.Grant v) throws IOException {
                    out.writeObject(v.client());
                    out.writeInt(v.slot());
                    out.writeBoolean(v.allowed());
                    out.writeObject(v.lease());
                    out.writeObject(v.kind());
                    out.writeLong(v.now());
                }

                public BlockProcessors.Grant read(ObjectDataInput in) throws IOException {
                    return new BlockProcessors.Grant<>(in.readObject(), in.readInt(), in.readBoolean(), in.readObject(), in.readObject(),
                            in.readLong());
                }
            }),
            entry(7122, BlockProcessors.Release.class, new Format<BlockProcessors.Release>() {
                public void write(ObjectDataOutput out, BlockProcessors.Release v) throws IOException {
                    out.writeObject(v.client());
                    out.writeInt(v.slot());
                    out.writeObject(v.kind());
                    out.writeLong(v.now());
                }

                public BlockProcessors.Release read(ObjectDataInput in) throws IOException {
                    return new BlockProcessors.Release<>(in.readObject(), in.readInt(), in.readObject(), in.readLong());
                }
            }),
            entry(7123, BlockProcessors.Decline.class, new Format<BlockProcessors.Decline>() {
                public void write(ObjectDataOutput out, BlockProcessors.Decline v) throws IOException {
                    out.writeObject(v.client());
                    out.writeInt(v.slot());
                    out.writeObject(v.kind());
                    out.writeLong(v.now());
                    out.writeLong(v.probationSeconds());
                }

                public BlockProcessors.Decline read(ObjectDataInput in) throws IOException {
                    return new BlockProcessors.Decline<>(in.readObject(), in.readInt(), in.readObject(), in.readLong(), in.readLong());
                }
            }),
            entry(7124, BlockProcessors.Reclaim.class, new Format<BlockProcessors.Reclaim>() {
                public void write(ObjectDataOutput out, BlockProcessors.Reclaim v) throws IOException {
                    out.writeObject(v.kind());
                    out.writeLong(v.now());
                    out.writeInt(v.max());
                    out.writeBoolean(v.remove());
                    out.writeLong(v.holdReclaimedSeconds());
                }

                public BlockProcessors.Reclaim read(ObjectDataInput in) throws IOException {
                    return new BlockProcessors.Reclaim<>(in.readObject(), in.readLong(), in.readInt(), in.readBoolean(), in.readLong());
                }
            }),
            entry(7125, BlockProcessors.Read.class, new Format<BlockProcessors.Read>() {
                public void write(ObjectDataOutput out, BlockProcessors.Read v) throws IOException {
                    out.writeInt(v.slot());
                }

                public BlockProcessors.Read read(ObjectDataInput in) throws IOException {
                    return new BlockProcessors.Read<>(in.readInt());
                }
            }),
            entry(7126, BlockProcessors.Load.class, new Format<BlockProcessors.Load>() {
                public void write(ObjectDataOutput out, BlockProcessors.Load v) throws IOException {
                    out.writeIntArray(v.slots());
                    list(out, v.leases());
                }

                public BlockProcessors.Load read(ObjectDataInput in) throws IOException {
                    return new BlockProcessors.Load<>(in.readIntArray(), list(in));
                }
            }));
}
