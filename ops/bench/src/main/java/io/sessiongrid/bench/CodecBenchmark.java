package io.sessiongrid.bench;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import io.sessiongrid.bench.http.Cart;
import io.sessiongrid.client.api.AttributeCodec;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.ClassAllowlist;
import io.sessiongrid.client.core.CompressingCodec;
import io.sessiongrid.client.core.JavaSerializationCodec;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What an application-class attribute costs to encode and decode: the HTTP benchmark's 1 KB {@link Cart}, through
 * the store's codec ({@code ours}: the allowlisted Java serialization and its frame, as the store builds them) and
 * through Hazelcast's own serialization service ({@code hazelcast}, the peer, which is what hazelcast-wm pays for the
 * same value), measured in the same run. A write through the store also keeps a copy of a plain value for the next
 * read ({@code SessionRules.encode}); that is left out, as the peer has no such step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class CodecBenchmark {
    @Param({"hazelcast", "ours"})
    public String codec;

    private AttributeCodec values;
    private SerializationService hazelcast;
    private Cart cart;
    private byte[] encoded;
    private Data data;

    @Setup
    public void setUp() {
        String classes = Cart.class.getPackageName() + ".*";
        // The stack SessionRules builds for its default settings; the store keeps its own codec private.
        StoreSettings defaults = StoreSettings.builder().build();
        values = new CompressingCodec(new JavaSerializationCodec(new ClassAllowlist(List.of(classes),
                defaults.maxValueDepth()), getClass().getClassLoader()), defaults.compressionThresholdBytes(),
                StoreSettings.PLAIN_BYTES_PER_ENCODED_BYTE * defaults.maxAttributeBytes());
        hazelcast = new DefaultSerializationServiceBuilder().build();
        cart = new Cart("user-0042");
        encoded = values.encode("cart", cart);
        data = hazelcast.toData(cart);
    }

    @Benchmark
    public Object encodeCart() {
        if (codec.equals("ours")) {
            return values.encode("cart", cart);
        }
        return hazelcast.toData(cart);
    }

    @Benchmark
    public Object decodeCart() {
        if (codec.equals("ours")) {
            return values.decode("cart", encoded);
        }
        return hazelcast.toObject(data);
    }
}
