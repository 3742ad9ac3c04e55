package io.sessiongrid.client.hazelcast;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import io.sessiongrid.client.api.GridUnavailableException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Administration of a running grid from any member or client: each member's report, and the graceful removal
 * of one member. The work runs on the members through Hazelcast's executor service, so every member must have
 * this library on its class path (grid-node and embedded members do). Thread safe.
 */
public final class GridAdmin {
    private static final String EXECUTOR = "sessiongrid-admin";

    private final HazelcastInstance instance;
    private final Duration timeout;

    /** @param timeout how long a call waits for the members' answers */
    public GridAdmin(HazelcastInstance instance, Duration timeout) {
        this.instance = instance;
        this.timeout = timeout;
    }

    /** The current members, ordered by address. */
    public List<Member> members() {
        List<Member> members = new ArrayList<>(instance.getCluster().getMembers());
        members.sort(Comparator.comparing(m -> m.getAddress().toString()));
        return members;
    }

    /** The member at host:port or with that uuid, if it is in the cluster. */
    public Optional<Member> member(String addressOrUuid) {
        return members().stream().filter(m -> addressOrUuid.equals(m.getUuid().toString())
                || addressOrUuid.equals(m.getAddress().getHost() + ":" + m.getAddress().getPort())).findFirst();
    }

    /** The maps that exist on the grid, other than this library's own lock and claim maps, sorted. */
    public List<String> mapNames() {
        return GridCalls.call("listing the maps", () -> instance.getDistributedObjects().stream()
                .filter(o -> o instanceof IMap<?, ?>).map(DistributedObject::getName)
                .filter(n -> !n.startsWith("sessiongrid-")).sorted().toList());
    }

    /**
     * Every member's report on one session map, ordered by address.
     *
     * @throws GridUnavailableException if a member did not answer within the timeout
     */
    public List<MemberReport> reports(String mapName) {
        IExecutorService executor = instance.getExecutorService(EXECUTOR);
        Map<Member, Future<MemberReport>> answers = GridCalls.call("asking the members for their reports",
                () -> executor.submitToAllMembers(new ReportMember(mapName)));
        List<MemberReport> reports = new ArrayList<>();
        for (Map.Entry<Member, Future<MemberReport>> answer : answers.entrySet()) {
            Address at = answer.getKey().getAddress();
            reports.add(await(answer.getValue(), "the report of member " + at.getHost() + ":" + at.getPort(),
                    "; a member that stays silent is busy or stuck: its log and a thread dump of its JVM tell which"));
        }
        reports.sort(Comparator.comparing(MemberReport::address));
        return reports;
    }

    /**
     * Starts the graceful shutdown of one member: it hands its partitions and backups to the others, then leaves.
     * Returns once the member has begun; watch {@link #members()} and {@link #reports} for the end.
     */
    public void shutdown(Member member) {
        IExecutorService executor = instance.getExecutorService(EXECUTOR);
        Future<Boolean> started = GridCalls.callOnce("asking " + member.getAddress() + " to shut down",
                () -> executor.submitToMember(new ShutdownMember(), member));
        await(started, "the shutdown of " + member.getAddress(), "");
    }

    /** @param ifLate what the message adds when the answer did not come in time */
    private <T> T await(Future<T> answer, String what, String ifLate) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridUnavailableException("interrupted while waiting for " + what, e);
        } catch (TimeoutException e) {
            throw new GridUnavailableException(what + " did not come within " + timeout.toSeconds() + " s" + ifLate,
                    e);
        } catch (ExecutionException e) {
            throw new GridUnavailableException(what + " failed: " + e.getCause(), e.getCause());
        }
    }
}
