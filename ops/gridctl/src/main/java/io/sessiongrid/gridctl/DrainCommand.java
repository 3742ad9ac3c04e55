package io.sessiongrid.gridctl;

import com.hazelcast.cluster.Member;
import io.sessiongrid.client.hazelcast.GridAdmin;
import io.sessiongrid.client.hazelcast.MemberReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code gridctl drain}: takes one member out of the grid without losing a session. The member hands its
 * partitions and backups to the others, then stops (a grid-node process exits); the command returns once the
 * member has left and every remaining member reports its partitions safe.
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Shut one member down gracefully: its sessions and backups move to the other members first."
                + " Waits until it has left and the others are safe.")
final class DrainCommand implements Runnable {
    private static final long POLL_MILLIS = 200;

    @ParentCommand
    GridCtl root;

    @Parameters(index = "0", paramLabel = "MEMBER", description = "host:port or uuid of the member, as "
            + "'gridctl members' lists it")
    String target;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "120",
            description = "how long to wait for the member to leave and the rest to be safe (default: "
                    + "${DEFAULT-VALUE})")
    int waitSeconds;

    @Option(names = "--force", description = "drain even the last member, or while partitions are migrating")
    boolean force;

    @Override
    public void run() {
        if (waitSeconds < 1) {
            throw new IllegalArgumentException("--wait must be at least 1 second, got " + waitSeconds);
        }
        Map<String, Object> result = root.withGrid(grid -> drain(grid.admin(), grid.map()));
        root.output().print(result, "drained " + result.get("member") + " in " + result.get("seconds") + " s; "
                + result.get("remainingMembers") + " member(s) remain, every partition safe");
    }

    private Map<String, Object> drain(GridAdmin admin, String map) {
        List<Member> members = admin.members();
        Member member = admin.member(target).orElseThrow(() -> new GridCtl.NothingFoundException("no member "
                + target + " in the cluster; its members are " + members.stream()
                .map(m -> m.getAddress().getHost() + ":" + m.getAddress().getPort()).collect(Collectors.joining(", "))));
        if (!force && members.size() == 1) {
            throw new GridCtl.ActionFailedException("refusing to drain the last member: every session would be"
                    + " lost; add --force to do it anyway");
        }
        if (!force && !admin.reports(map).stream().allMatch(MemberReport::partitionsSafe)) {
            throw new GridCtl.ActionFailedException("refusing to drain while partitions are migrating (a member is"
                    + " not safe): wait until 'gridctl members' shows every member safe, or add --force");
        }
        long started = System.nanoTime();
        long deadline = started + waitSeconds * 1_000_000_000L;
        UUID uuid = member.getUuid();
        admin.shutdown(member);
        waitFor(deadline, () -> admin.members().stream().noneMatch(m -> m.getUuid().equals(uuid)),
                "the member did not leave within " + waitSeconds + " s");
        waitFor(deadline, () -> admin.members().isEmpty()
                        || admin.reports(map).stream().allMatch(MemberReport::partitionsSafe),
                "the member left, but the others were not safe within " + waitSeconds + " s; check 'gridctl members'");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("member", member.getAddress().getHost() + ":" + member.getAddress().getPort());
        result.put("uuid", uuid.toString());
        result.put("seconds", String.format("%.1f", (System.nanoTime() - started) / 1e9));
        result.put("remainingMembers", admin.members().size());
        return result;
    }

    private static void waitFor(long deadline, java.util.function.BooleanSupplier done, String failure) {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new GridCtl.ActionFailedException(failure);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GridCtl.ActionFailedException("interrupted: " + failure);
            }
        }
    }
}
