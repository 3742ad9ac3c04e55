package io.sessiongrid.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory benchmark on a few thousand sessions over three members: every copy counted, a report, a chart. */
class MemoryBenchmarkSmokeTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void countsEveryCopyAndWritesReportAndChart(@TempDir Path dir) throws Exception {
        MemoryBenchmark.Result r = MemoryBenchmark.measure(3, 2_000, 4);
        assertEquals(4_000, r.copies(), "one owner and one backup copy per session: " + r);
        assertTrue(r.maxCopiesOnOneMember() < 4_000, "the copies spread over the members: " + r);
        // Hazelcast's entry cost holds at least the key and the 1 KB payload; it keeps none for a map of objects.
        assertTrue(r.peerEntryCostPerCopy() > MemoryBenchmark.PAYLOAD_BYTES, r.toString());
        assertEquals(0, r.entryCostPerCopy(), "the session map keeps objects: " + r);
        assertTrue(r.heapPerCopy() > MemoryBenchmark.PAYLOAD_BYTES, r.toString());

        String report = MemoryBenchmark.report(List.of(r), "--sessions 2000 --members 3");
        assertTrue(report.contains("| 3 | 2,000 | 4,000 |"), report);
        assertTrue(report.contains("Reproduce: `ops/bench/run-memory.sh --sessions 2000 --members 3`"), report);
        Path png = dir.resolve("memory.png");
        MemoryBenchmark.chart(List.of(r), png);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(png), 8));
    }
}
