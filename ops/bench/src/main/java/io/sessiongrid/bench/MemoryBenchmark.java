package io.sessiongrid.bench;

import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Memory and scale: how much heap a session with a 1 KB payload takes in the grid, per stored copy (owner or
 * backup, one backup configured), at each session count, with one and with three members in this JVM. The peer,
 * filled in the same grid after ours, is a plain {@code IMap<String, byte[]>} holding the same key and the same
 * 1 KB payload: the floor of what a Hazelcast entry costs. Two measures of each: the JVM's used heap after a full
 * collection (everything: records, the principal map, expiry and partition structures), and Hazelcast's own
 * entry-cost statistics summed over the members, which Hazelcast keeps only for a map stored as bytes: the session
 * map keeps records as objects, so ours reads "n/a". The payload is random, so compression cannot shrink it.
 * {@code MemoryBenchmark [--out FILE] [--sessions 100000,1000000] [--members 1,3] [--writers N]}.
 */
public final class MemoryBenchmark {
    static final int PAYLOAD_BYTES = 1024;

    /** One fill of one grid: ours and the peer, measured the same way. */
    record Result(int members, int sessions, long copies, double heapPerCopy, double entryCostPerCopy,
                  double peerHeapPerCopy, double peerEntryCostPerCopy, long maxCopiesOnOneMember, double fillSeconds) {
        double heapRatio() {
            return heapPerCopy / peerHeapPerCopy;
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("memory-report.md");
        List<Integer> sessions = List.of(100_000, 1_000_000);
        List<Integer> members = List.of(1, 3);
        int writers = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--sessions" -> sessions = ints(args[++i]);
                case "--members" -> members = ints(args[++i]);
                case "--writers" -> writers = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<Result> results = new ArrayList<>();
        for (int m : members) {
            for (int n : sessions) {
                Result r = measure(m, n, writers);
                System.out.println(r);
                results.add(r);
            }
        }
        List<String> shown = new ArrayList<>(List.of(args));
        int o = shown.indexOf("--out");
        if (o >= 0) {
            shown.subList(o, Math.min(shown.size(), o + 2)).clear();
        }
        String report = report(results, String.join(" ", shown));
        Files.writeString(out, report);
        chart(results, io.sessiongrid.bench.http.Report.png(out));
        System.out.println(report);
        System.exit(0);
    }

    private static List<Integer> ints(String csv) {
        List<Integer> values = new ArrayList<>();
        for (String v : csv.split(",")) {
            values.add(Integer.parseInt(v.trim().replace("_", "")));
        }
        return values;
    }

    static Result measure(int memberCount, int sessions, int writers) throws Exception {
        long before = usedHeapAfterGc();
        try (BenchGrid grid = new BenchGrid(memberCount)) {
            SessionStore store = grid.member().openStore(StoreSettings.builder().mapName("sessions-memory").build());
            long empty = usedHeapAfterGc();
            long started = System.nanoTime();
            fill(writers, sessions, (i, random) -> {
                byte[] payload = new byte[PAYLOAD_BYTES];
                random.nextBytes(payload);
                store.create(SessionChanges.builder().set("user", "user-" + i).set("payload", payload).build());
            });
            double fillSeconds = (System.nanoTime() - started) / 1e9;
            long ours = usedHeapAfterGc();
            Stats oursStats = stats(grid.members(), "sessions-memory");

            IMap<String, byte[]> plain = grid.member().hazelcast().getMap("plain-payloads");
            fill(writers, sessions, (i, random) -> {
                byte[] payload = new byte[PAYLOAD_BYTES];
                random.nextBytes(payload);
                byte[] id = new byte[SessionId.RANDOM_BYTES];
                random.nextBytes(id);
                // A key of the same form as ours (the digest of a random id), so only the values differ.
                plain.set(SessionId.fromRandomBytes(id).key().value(), payload);
            });
            long both = usedHeapAfterGc();
            Stats peerStats = stats(grid.members(), "plain-payloads");
            if (oursStats.copies != peerStats.copies) {
                throw new IllegalStateException("copies differ: ours " + oursStats + ", peer " + peerStats);
            }
            long copies = oursStats.copies;
            return new Result(memberCount, sessions, copies, (ours - empty) / (double) copies,
                    oursStats.cost / (double) copies, (both - ours) / (double) copies,
                    peerStats.cost / (double) copies, oursStats.maxOnOneMember, fillSeconds);
        } finally {
            // Let the next measurement start from the same floor.
            if (usedHeapAfterGc() > before + (64L << 20)) {
                System.out.println("heap after the grid closed is above the start by more than 64 MB");
            }
        }
    }

    private interface Writer {
        void write(int index, SplittableRandom random) throws Exception;
    }

    private static void fill(int writers, int count, Writer writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> parts = new ArrayList<>();
        int per = (count + writers - 1) / writers;
        for (int w = 0; w < writers; w++) {
            int from = w * per;
            int to = Math.min(count, from + per);
            SplittableRandom random = new SplittableRandom(w);
            parts.add(pool.submit(() -> {
                for (int i = from; i < to; i++) {
                    writer.write(i, random);
                }
                return null;
            }));
        }
        for (Future<?> part : parts) {
            part.get();
        }
        pool.shutdown();
    }

    private record Stats(long copies, long cost, long maxOnOneMember) {
    }

    private static Stats stats(List<SessionGrid> members, String map) {
        long copies = 0;
        long cost = 0;
        long max = 0;
        for (SessionGrid member : members) {
            LocalMapStats s = member.hazelcast().getMap(map).getLocalMapStats();
            long here = s.getOwnedEntryCount() + s.getBackupEntryCount();
            copies += here;
            cost += s.getOwnedEntryMemoryCost() + s.getBackupEntryMemoryCost();
            max = Math.max(max, here);
        }
        return new Stats(copies, cost, max);
    }

    /** A benchmark's measuring point: collect until the used heap stops falling. */
    static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }

    /** Heap per stored copy, ours beside the plain map, per member count and session count. */
    static void chart(List<Result> results, Path png) throws java.io.IOException {
        BarChart chart = new BarChart("Heap per stored copy of a session with a 1 KB payload", "bytes", "#,##0");
        for (Result r : results) {
            String category = String.format(Locale.ROOT, "%d member%s, %,d sessions", r.members,
                    r.members == 1 ? "" : "s", r.sessions);
            chart.add("ours", category, r.heapPerCopy);
            chart.add("plain IMap<String, byte[]>", category, r.peerHeapPerCopy);
        }
        chart.writePng(png);
    }

    static String report(List<Result> results, String args) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, max heap ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MB; members in"
                        + " one JVM, one backup; each session holds a user name and a ").append(PAYLOAD_BYTES)
                .append("-byte random payload. A copy is the owner's or the backup's entry.\n\n")
                .append("| members | sessions | copies | most copies on one member | heap per copy, ours (B)"
                        + " | heap per copy, plain IMap (B) | ours × plain | entry cost per copy, ours (B)"
                        + " | entry cost per copy, plain (B) | fill s |\n")
                .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %d | %,d | %,d | %,d | %.0f | %.0f | %.2f | %s | %.0f | %.0f |%n",
                    r.members, r.sessions, r.copies, r.maxCopiesOnOneMember, r.heapPerCopy, r.peerHeapPerCopy,
                    r.heapRatio(), r.entryCostPerCopy == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f",
                            r.entryCostPerCopy), r.peerEntryCostPerCopy, r.fillSeconds));
        }
        md.append("\nReproduce: `ops/bench/run-memory.sh").append(args.isBlank() ? "" : " " + args).append("`\n");
        return md.toString();
    }
}
