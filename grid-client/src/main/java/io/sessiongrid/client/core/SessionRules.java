package io.sessiongrid.client.core;

import io.sessiongrid.client.api.AttributeCodec;
import io.sessiongrid.client.api.AttributeTooLargeException;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionIdGenerator;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.SessionTooLargeException;
import io.sessiongrid.client.api.StoreObserver;
import io.sessiongrid.client.api.StoreSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What every store does the same way on the application side: issuing ids, encoding changes within the size
 * limits, building records and snapshots, and deciding when a read must touch the owner. Thread safe: its
 * settings are fixed at construction; its only state is the store's {@link DecodedValues}, shared by every
 * snapshot it builds, and its observers.
 */
public final class SessionRules {
    private final StoreSettings settings;
    private final AttributeCodec codec;
    private final AttributeSealer sealer;
    private final SessionIdGenerator ids;
    private final DecodedValues decodedValues = new DecodedValues(DecodedValues.MAX_VALUES);
    private final List<StoreObserver> observers = new CopyOnWriteArrayList<>();

    public SessionRules(StoreSettings settings, ClassLoader applicationLoader) {
        this.settings = settings;
        AttributeCodec base = settings.codec() != null ? settings.codec()
                : new JavaSerializationCodec(new ClassAllowlist(settings.allowedClasses(), settings.maxValueDepth()),
                applicationLoader);
        int maxPlain = (int) Math.min(Integer.MAX_VALUE - 8,
                (long) StoreSettings.PLAIN_BYTES_PER_ENCODED_BYTE * settings.maxAttributeBytes());
        this.codec = new CompressingCodec(base, settings.compressionThresholdBytes(), maxPlain);
        this.sealer = new AttributeSealer(settings.encryptionKeys());
        this.ids = settings.idGenerator() != null ? settings.idGenerator() : new SecureRandomIdGenerator();
    }

    public void addObserver(StoreObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    private void tell(Consumer<StoreObserver> event) {
        for (StoreObserver observer : observers) {
            try {
                event.accept(observer);
            } catch (RuntimeException ignored) {
                // Metrics must never fail a session operation.
            }
        }
    }

    /** Tells the observers that locked work outlived its lock's lease. */
    public void lockLeaseExpired() {
        tell(StoreObserver::lockLeaseExpired);
    }

    public StoreSettings settings() {
        return settings;
    }

    public long now() {
        return settings.clock().millis();
    }

    public SessionId newId() {
        return ids.next();
    }

    /**
     * Encodes every value before anything is sent, so a refused value leaves the session untouched.
     *
     * @throws io.sessiongrid.client.api.AttributeRejectedException naming the first refused attribute
     */
    public AttributeDelta encode(SessionKey session, SessionChanges changes) {
        SessionCodec values = codecFor(session.value());
        Map<String, byte[]> set = new HashMap<>();
        int total = 0;
        for (Map.Entry<String, Object> e : changes.set().entrySet()) {
            byte[] bytes = values.encode(e.getKey(), e.getValue());
            if (bytes.length > settings.maxAttributeBytes()) {
                throw new AttributeTooLargeException(e.getKey(), bytes.length, settings.maxAttributeBytes());
            }
            set.put(e.getKey(), bytes);
            total += bytes.length;
        }
        int encoded = total;
        tell(o -> o.changesEncoded(encoded));
        Set<String> removed = new LinkedHashSet<>(changes.removed());
        long accessedAt = changes.accessedAt().map(Instant::toEpochMilli).orElse(0L);
        long maxInactive = changes.maxInactiveInterval().map(Duration::toMillis).orElse(AttributeDelta.UNCHANGED);
        return new AttributeDelta(set, removed, accessedAt, maxInactive, changes.principalChanged(),
                changes.principal().orElse(null));
    }

    /**
     * A new record for an id: created and accessed now, with the default idle limit and the lifetime, holding
     * the initial changes.
     *
     * @throws SessionTooLargeException if the initial changes are over the session size limit
     */
    public SessionRecord newRecord(SessionId id, long now, AttributeDelta initial) {
        long deadline = settings.maxLifetime().isZero() ? 0 : now + settings.maxLifetime().toMillis();
        SessionRecord record = new SessionRecord(id.key().value(), now, now,
                settings.defaultMaxInactiveInterval().toMillis(), deadline, null, new HashMap<>(), 1);
        if (initial.isEmpty()) {
            return record;
        }
        record = record.applying(initial);
        if (record.storedBytes() > settings.maxSessionBytes()) {
            throw new SessionTooLargeException(id.key(), settings.maxSessionBytes());
        }
        return record;
    }

    public Session view(SessionId id, SessionRecord record) {
        return new RecordSession(id, record, codecFor(record.key()), decodedValues);
    }

    /**
     * The record under a new key (an id change). Encrypted values are opened and sealed again, since the session
     * key is part of what authenticates them.
     */
    public SessionRecord movedTo(SessionRecord record, String newKey) {
        SessionRecord moved = record.withKey(newKey);
        if (!sealer.isOn()) {
            return moved;
        }
        Map<String, byte[]> resealed = new HashMap<>();
        record.attributes().forEach((name, bytes) -> resealed.put(name, sealer.reseal(record.key(), newKey, name,
                bytes)));
        return new SessionRecord(newKey, moved.createdAt(), moved.lastAccessedAt(), moved.maxInactiveMillis(),
                moved.deadline(), moved.principal(), resealed, moved.version());
    }

    private SessionCodec codecFor(String sessionKey) {
        return new SessionCodec(codec, sealer, sessionKey, attribute -> tell(o -> o.decodeFailed(attribute)),
                decodedValues);
    }

    /** A snapshot of a record whose id is unknown (an expired one): its id's value is the record's key. */
    public Session viewByKey(SessionRecord record) {
        return new RecordSession(SessionId.parse(record.key()), record, codecFor(record.key()),
                decodedValues);
    }

    public SessionInfo info(SessionRecord r) {
        long expires = r.expiresAt();
        return new SessionInfo(new SessionKey(r.key()), Optional.ofNullable(r.principal()),
                Instant.ofEpochMilli(r.createdAt()), Instant.ofEpochMilli(r.lastAccessedAt()),
                Duration.ofMillis(r.maxInactiveMillis()),
                expires == SessionRecord.NEVER ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires)),
                r.attributes().keySet(), r.storedBytes(), r.version());
    }

    /**
     * Whether a read at {@code now} must refresh the owner's last access. At most every touch interval, and
     * at least four times per idle limit, so a session read only from a near cache never idles out.
     */
    public boolean touchDue(SessionRecord r, long now) {
        long interval = settings.touchInterval().toMillis();
        if (r.maxInactiveMillis() > 0) {
            interval = Math.min(interval, Math.max(1, r.maxInactiveMillis() / 4));
        }
        return now - r.lastAccessedAt() >= interval;
    }
}
