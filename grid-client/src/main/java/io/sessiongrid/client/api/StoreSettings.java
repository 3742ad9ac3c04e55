package io.sessiongrid.client.api;

import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.config.SettingValues;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a store behaves on the application side. Immutable; the builder validates every value when it is set
 * and names the key in its message. Every setting has a safe default.
 */
public final class StoreSettings {
    /**
     * How many times {@code session.max-attribute-bytes} a value may be before compression. It bounds what reading
     * any stored value may allocate, whatever its compressed frame claims.
     */
    public static final int PLAIN_BYTES_PER_ENCODED_BYTE = 8;

    private static final Pattern MAP_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern CLASS_PATTERN = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*(\\.\\*\\*?)?");

    private final String mapName;
    private final ReadMode readMode;
    private final Duration defaultMaxInactiveInterval;
    private final Duration maxLifetime;
    private final Duration touchInterval;
    private final int maxAttributeBytes;
    private final int maxSessionBytes;
    private final int compressionThresholdBytes;
    private final List<String> allowedClasses;
    private final int maxValueDepth;
    private final Duration lockLease;
    private final AttributeCodec codec;
    private final SessionIdGenerator idGenerator;
    private final Clock clock;
    private final EncryptionKeys encryptionKeys;

    private StoreSettings(Builder b) {
        this.mapName = b.mapName;
        this.readMode = b.readMode;
        this.defaultMaxInactiveInterval = b.defaultMaxInactiveInterval;
        this.maxLifetime = b.maxLifetime;
        this.touchInterval = b.touchInterval;
        this.maxAttributeBytes = b.maxAttributeBytes;
        this.maxSessionBytes = b.maxSessionBytes;
        this.compressionThresholdBytes = b.compressionThresholdBytes;
        this.allowedClasses = List.copyOf(b.allowedClasses);
        this.maxValueDepth = b.maxValueDepth;
        this.lockLease = b.lockLease;
        this.codec = b.codec;
        this.idGenerator = b.idGenerator;
        this.clock = b.clock;
        this.encryptionKeys = b.encryptionKeys;
    }

    public static StoreSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding the store settings a component was given (the {@code session.*} keys the store reads),
     * the registry's defaults for the rest; errors name the key as the user spelt it.
     */
    public static Builder configured(SettingValues v) {
        Builder b = builder();
        v.apply(Setting.SESSION_MAP_NAME, v.text(Setting.SESSION_MAP_NAME), b::mapName);
        v.apply(Setting.SESSION_READ_MODE, v.choice(Setting.SESSION_READ_MODE).map(ReadMode::named),
                b::readMode);
        v.apply(Setting.SESSION_MAX_INACTIVE_INTERVAL, v.duration(Setting.SESSION_MAX_INACTIVE_INTERVAL),
                b::defaultMaxInactiveInterval);
        v.apply(Setting.SESSION_MAX_LIFETIME, v.duration(Setting.SESSION_MAX_LIFETIME), b::maxLifetime);
        v.apply(Setting.SESSION_TOUCH_INTERVAL, v.duration(Setting.SESSION_TOUCH_INTERVAL), b::touchInterval);
        v.apply(Setting.SESSION_LOCK_LEASE, v.duration(Setting.SESSION_LOCK_LEASE), b::lockLease);
        v.apply(Setting.SESSION_MAX_ATTRIBUTE_BYTES, v.integer(Setting.SESSION_MAX_ATTRIBUTE_BYTES),
                b::maxAttributeBytes);
        v.apply(Setting.SESSION_MAX_SESSION_BYTES, v.integer(Setting.SESSION_MAX_SESSION_BYTES), b::maxSessionBytes);
        v.apply(Setting.SESSION_COMPRESSION_THRESHOLD_BYTES, v.integer(Setting.SESSION_COMPRESSION_THRESHOLD_BYTES),
                b::compressionThresholdBytes);
        v.apply(Setting.SESSION_ALLOWED_CLASSES, Optional.of(v.list(Setting.SESSION_ALLOWED_CLASSES)),
                classes -> b.allowClasses(classes.toArray(String[]::new)));
        v.apply(Setting.SESSION_MAX_VALUE_DEPTH, v.integer(Setting.SESSION_MAX_VALUE_DEPTH), b::maxValueDepth);
        v.apply(Setting.SESSION_ENCRYPTION_KEYS, v.text(Setting.SESSION_ENCRYPTION_KEYS),
                keys -> b.encryptionKeys(EncryptionKeys.parse(keys)));
        return b;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.mapName = mapName;
        b.readMode = readMode;
        b.defaultMaxInactiveInterval = defaultMaxInactiveInterval;
        b.maxLifetime = maxLifetime;
        b.touchInterval = touchInterval;
        b.maxAttributeBytes = maxAttributeBytes;
        b.maxSessionBytes = maxSessionBytes;
        b.compressionThresholdBytes = compressionThresholdBytes;
        b.allowedClasses.addAll(allowedClasses);
        b.maxValueDepth = maxValueDepth;
        b.lockLease = lockLease;
        b.codec = codec;
        b.idGenerator = idGenerator;
        b.clock = clock;
        b.encryptionKeys = encryptionKeys;
        return b;
    }

    /** {@code session.map-name}: the IMap holding this application's sessions. Default {@code sessions}. */
    public String mapName() {
        return mapName;
    }

    /** {@code session.read-mode}: default {@link ReadMode#VALIDATED}, safe without sticky sessions. */
    public ReadMode readMode() {
        return readMode;
    }

    /** {@code session.max-inactive-interval}: idle limit of new sessions; default 30 minutes; zero = never. */
    public Duration defaultMaxInactiveInterval() {
        return defaultMaxInactiveInterval;
    }

    /** {@code session.max-lifetime}: absolute limit from creation, however busy; default zero = none. */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /**
     * {@code session.touch-interval}: at most how often a read sends a touch to the owner; default 60 s. The
     * interval used for a session is never more than a quarter of its idle limit, so a session in use never
     * idles out between touches.
     */
    public Duration touchInterval() {
        return touchInterval;
    }

    /** {@code session.max-attribute-bytes}: limit on one encoded attribute; default 1 MiB. */
    public int maxAttributeBytes() {
        return maxAttributeBytes;
    }

    /** {@code session.max-session-bytes}: limit on all encoded attributes of a session; default 8 MiB. */
    public int maxSessionBytes() {
        return maxSessionBytes;
    }

    /** {@code session.compression-threshold-bytes}: values larger than this are compressed; default 8 KiB. */
    public int compressionThresholdBytes() {
        return compressionThresholdBytes;
    }

    /**
     * {@code session.allowed-classes}: patterns ({@code com.example.Cart}, {@code com.example.*} for a package,
     * {@code com.example.**} with sub-packages) allowed in attribute values besides the JDK's value types and
     * collections.
     */
    public List<String> allowedClasses() {
        return allowedClasses;
    }

    /**
     * {@code session.max-value-depth}: how deeply objects may nest inside one attribute value; default 16. Reading a
     * value costs up to twice as much per level of nested hash sets or maps, so this bounds what a value written
     * by anything with access to the grid can cost to read. A deeper value is refused when it is set.
     */
    public int maxValueDepth() {
        return maxValueDepth;
    }

    /** {@code session.lock-lease}: a held lock is released after this long even if its holder died; 60 s. */
    public Duration lockLease() {
        return lockLease;
    }

    /** A codec replacing the default (allowlisted Java serialization), or {@code null} for the default. */
    public AttributeCodec codec() {
        return codec;
    }

    public SessionIdGenerator idGenerator() {
        return idGenerator;
    }

    /**
     * {@code session.encryption.keys}: when set, every attribute value is encrypted (AES-GCM, authenticated with
     * the session key and attribute name) before it leaves this JVM, and unencrypted values are refused on read.
     * Null (default): values are stored as the codec makes them. Members never need the keys.
     */
    public EncryptionKeys encryptionKeys() {
        return encryptionKeys;
    }

    public Clock clock() {
        return clock;
    }

    /** Validates each value as it is set; {@link #build()} cannot fail. Not thread safe. */
    public static final class Builder {
        private String mapName = "sessions";
        private ReadMode readMode = ReadMode.VALIDATED;
        private Duration defaultMaxInactiveInterval = Duration.ofMinutes(30);
        private Duration maxLifetime = Duration.ZERO;
        private Duration touchInterval = Duration.ofSeconds(60);
        private int maxAttributeBytes = 1 << 20;
        private int maxSessionBytes = 8 << 20;
        private int compressionThresholdBytes = 8 << 10;
        private final List<String> allowedClasses = new ArrayList<>();
        private int maxValueDepth = 16;
        private Duration lockLease = Duration.ofSeconds(60);
        private AttributeCodec codec;
        private SessionIdGenerator idGenerator;
        private Clock clock = Clock.systemUTC();
        private EncryptionKeys encryptionKeys;

        private Builder() {
        }

        public Builder mapName(String name) {
            if (name == null || !MAP_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("session.map-name must be 1-100 of [A-Za-z0-9._-], got "
                        + quote(name));
            }
            this.mapName = name;
            return this;
        }

        public Builder readMode(ReadMode mode) {
            this.readMode = Objects.requireNonNull(mode, "session.read-mode");
            return this;
        }

        public Builder defaultMaxInactiveInterval(Duration d) {
            this.defaultMaxInactiveInterval = nonNegative("session.max-inactive-interval", d);
            return this;
        }

        public Builder maxLifetime(Duration d) {
            this.maxLifetime = nonNegative("session.max-lifetime", d);
            return this;
        }

        public Builder touchInterval(Duration d) {
            if (d == null || d.toMillis() < 1) {
                throw new IllegalArgumentException("session.touch-interval must be at least 1 ms, got " + d);
            }
            this.touchInterval = d;
            return this;
        }

        public Builder maxAttributeBytes(int bytes) {
            this.maxAttributeBytes = positive("session.max-attribute-bytes", bytes);
            return this;
        }

        public Builder maxSessionBytes(int bytes) {
            this.maxSessionBytes = positive("session.max-session-bytes", bytes);
            return this;
        }

        public Builder compressionThresholdBytes(int bytes) {
            this.compressionThresholdBytes = positive("session.compression-threshold-bytes", bytes);
            return this;
        }

        /** Adds allowlist patterns; see {@link StoreSettings#allowedClasses()}. */
        public Builder allowClasses(String... patterns) {
            for (String p : patterns) {
                if (p == null || !CLASS_PATTERN.matcher(p).matches()) {
                    throw new IllegalArgumentException("session.allowed-classes entry " + quote(p)
                            + " is not a class name, package.* or package.**");
                }
                allowedClasses.add(p);
            }
            return this;
        }

        public Builder maxValueDepth(int levels) {
            if (levels < 2 || levels > 64) {
                throw new IllegalArgumentException("session.max-value-depth must be from 2 to 64, got " + levels);
            }
            this.maxValueDepth = levels;
            return this;
        }

        public Builder lockLease(Duration d) {
            if (d == null || d.toMillis() < 1) {
                throw new IllegalArgumentException("session.lock-lease must be at least 1 ms, got " + d);
            }
            this.lockLease = d;
            return this;
        }

        public Builder codec(AttributeCodec codec) {
            this.codec = codec;
            return this;
        }

        public Builder idGenerator(SessionIdGenerator generator) {
            this.idGenerator = generator;
            return this;
        }

        public Builder encryptionKeys(EncryptionKeys keys) {
            this.encryptionKeys = keys;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public StoreSettings build() {
            if (maxAttributeBytes > maxSessionBytes) {
                throw new IllegalArgumentException("session.max-attribute-bytes (" + maxAttributeBytes
                        + ") must not exceed session.max-session-bytes (" + maxSessionBytes + ")");
            }
            return new StoreSettings(this);
        }

        private static Duration nonNegative(String key, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(key + " must be zero (off) or positive, got " + d);
            }
            return d;
        }

        private static int positive(String key, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(key + " must be positive, got " + v);
            }
            return v;
        }

        private static String quote(String s) {
            return s == null ? "null" : "\"" + s + "\"";
        }
    }
}
