package io.sessiongrid.bench;

import io.sessiongrid.client.api.EncryptionKeys;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.AttributeDelta;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.core.SessionRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What encrypting attribute values costs: writing (encode + seal) and reading (open + decode) one cart-like value
 * of the given size, with {@code plain} as the peer measured in the same run. The ratio aes-gcm / plain is the
 * cost of encryption in the application; the grid's work is the same either way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncryptionBenchmark {
    @Param({"1024", "32768"})
    public int valueBytes;

    @Param({"plain", "aes-gcm"})
    public String mode;

    private SessionRules rules;
    private SessionId id;
    private SessionChanges changes;
    private SessionRecord stored;

    @Setup
    public void setUp() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        StoreSettings.Builder settings = StoreSettings.builder();
        if (mode.equals("aes-gcm")) {
            settings.encryptionKeys(EncryptionKeys.of(1, Map.of(1, key)));
        }
        rules = new SessionRules(settings.build(), getClass().getClassLoader());
        id = SessionId.fromRandomBytes(key);
        changes = SessionChanges.builder().set("cart", cart(valueBytes)).build();
        AttributeDelta delta = rules.encode(id.key(), changes);
        stored = new SessionRecord(id.key().value(), 1, 1, 1_800_000, 0, null, new HashMap<>(delta.set()), 1);
    }

    @Benchmark
    public AttributeDelta write() {
        return rules.encode(id.key(), changes);
    }

    @Benchmark
    public Object read() {
        Session session = rules.view(id, stored);
        return session.attribute("cart");
    }

    /** A shopping cart of short item lines adding up to about the given size when serialized. */
    static ArrayList<String> cart(int bytes) {
        ArrayList<String> items = new ArrayList<>();
        int size = 0;
        for (int i = 0; size < bytes; i++) {
            String item = "sku-" + (100_000 + i) + " qty " + (i % 7 + 1) + " price " + (i * 37 % 10_000);
            items.add(item);
            size += item.length() + 3;
        }
        return items;
    }
}
