package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.util.concurrent.Callable;

/**
 * Runs on a member and starts its graceful shutdown (partitions and backups handed over first), then answers at
 * once: the shutdown runs on a thread of its own, because it waits for the very executor this task runs on.
 */
final class ShutdownMember implements Callable<Boolean>, HazelcastInstanceAware {
    private transient HazelcastInstance member;

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        this.member = member;
    }

    @Override
    public Boolean call() {
        Thread shutdown = new Thread(member::shutdown, "sessiongrid-drain");
        shutdown.start();
        return true;
    }

    static final class Serializer implements CompactSerializer<ShutdownMember> {
        @Override
        public ShutdownMember read(CompactReader in) {
            return new ShutdownMember();
        }

        @Override
        public void write(CompactWriter out, ShutdownMember task) {
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.ShutdownMember";
        }

        @Override
        public Class<ShutdownMember> getCompactClass() {
            return ShutdownMember.class;
        }
    }
}
