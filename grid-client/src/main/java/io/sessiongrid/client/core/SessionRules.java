package io.sessiongrid.client.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * limits, building records and snapshots, sealing records and checking seals, and deciding when a read must touch
 * the owner. Thread safe: its settings are fixed at construction; its state is the store's {@link DecodedValues},
 * shared by every snapshot it builds, the newest content version seen per session (with sealing on), and its
 * observers.
 */
public final class SessionRules {
    private static final System.Logger LOG = System.getLogger(SessionRules.class.getName());
    private final StoreSettings settings;
    private final AttributeCodec codec;
    private final AttributeSealer sealer;
    private final RecordSeal seal;
    private final SessionIdGenerator ids;
    private final DecodedValues decodedValues;
    private final boolean defaultCodec;
    private final List<StoreObserver> observers = new CopyOnWriteArrayList<>();
    /** With sealing on: the newest content version this store read from each session's owner, and when. */
    private final Cache<String, Seen> newestContent = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).executor(Runnable::run).build();
    /** With sealing on: records (by identity) whose seal was checked, so a near-cache copy is checked once. */
    private final Cache<SessionRecord, Boolean> sealHeld = Caffeine.newBuilder().weakKeys().maximumSize(100_000)
            .executor(Runnable::run).build();

    public SessionRules(StoreSettings settings, ClassLoader applicationLoader) {
        this.settings = settings;
        this.decodedValues = new DecodedValues(new PlainValues(settings.maxValueDepth() - 2), DecodedValues.MAX_VALUES);
        this.defaultCodec = settings.codec() == null;
        AttributeCodec base = settings.codec() != null ? settings.codec()
                : new JavaSerializationCodec(new ClassAllowlist(settings.allowedClasses(), settings.maxValueDepth()),
                applicationLoader);
        int maxPlain = (int) Math.min(Integer.MAX_VALUE - 8,
                (long) StoreSettings.PLAIN_BYTES_PER_ENCODED_BYTE * settings.maxAttributeBytes());
        this.codec = new CompressingCodec(base, settings.compressionThresholdBytes(), maxPlain);
        this.sealer = new AttributeSealer(settings.encryptionKeys());
        this.seal = new RecordSeal(settings.encryptionKeys());
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
        long maxInactive = changes.maxInactiveInterval().map(Duration::toMillis).orElse(AttributeDelta.UNCHANGED);
        return new AttributeDelta(set, removed, changes.accessed(), maxInactive, changes.principalChanged(),
                changes.principal().orElse(null));
    }

    /**
     * A new session's record with its times counted from zero ({@link SessionRecord#startingAt} makes them
     * absolute on the owner's clock): the default idle limit, the lifetime as deadline, the initial changes.
     *
     * @throws SessionTooLargeException if the initial changes are over the session size limit
     */
    public SessionRecord newRecord(SessionId id, AttributeDelta initial) {
        long lifetime = settings.maxLifetime().toMillis();
        SessionRecord record = new SessionRecord(id.key().value(), 0, 0,
                settings.defaultMaxInactiveInterval().toMillis(), lifetime, null, new HashMap<>(), 1, null, null, 1,
                null);
        if (initial.isEmpty()) {
            return seal.sealed(record);
        }
        record = record.applying(initial, 0, 0);
        if (record.storedBytes() > settings.maxSessionBytes()) {
            throw new SessionTooLargeException(id.key(), settings.maxSessionBytes());
        }
        return seal.sealed(new SessionRecord(record.key(), 0, 0, record.maxInactiveMillis(), lifetime,
                record.principal(), record.attributes(), 1, null, null, 1, null));
    }

    /** Whether records are sealed ({@code session.encryption.keys} is set): writes must then carry the seal. */
    public boolean seals() {
        return seal.isOn();
    }

    /** The record (the result of a write about to be sent) with its seal; unchanged when sealing is off. */
    public SessionRecord sealed(SessionRecord record) {
        return seal.sealed(record);
    }

    /**
     * Whether a record read from the grid (a near-cache copy, a listener's event, a query result) may be believed:
     * its seal holds (always, when sealing is off). A record that fails is told to the observers and logged, and
     * must be treated as no session.
     */
    public boolean trusts(SessionRecord record) {
        if (!seal.isOn() || sealHeld.getIfPresent(record) != null) {
            return true;
        }
        if (seal.holds(record)) {
            sealHeld.put(record, Boolean.TRUE);
            return true;
        }
        return refused(record, "failed its seal");
    }

    /**
     * As {@link #trusts(SessionRecord)}, for a record its owner just sent, in answer to a read sent at
     * {@code sentAtNanos}: also refused if this store had already seen newer content of the session from its owner
     * before that read was sent (the whole record was rolled back). Content seen later by a concurrent read is a race,
     * not a rollback.
     */
    public boolean trustsFromOwner(SessionRecord record, long sentAtNanos) {
        if (!trusts(record)) {
            return false;
        }
        if (!seal.isOn()) {
            return true;
        }
        long now = System.nanoTime();
        Seen before = newestContent.asMap().merge(record.key(), new Seen(record.contentVersion(), now),
                (old, fresh) -> fresh.contentVersion >= old.contentVersion ? fresh : old);
        if (before.contentVersion > record.contentVersion() && before.seenAt - sentAtNanos < 0) {
            return refused(record, "holds content older than this instance already read (rolled back)");
        }
        return true;
    }

    /** With sealing on: this store wrote this record on its owner, so it is content the owner holds. */
    public void wroteContent(SessionRecord record) {
        if (seal.isOn()) {
            newestContent.asMap().merge(record.key(), new Seen(record.contentVersion(), System.nanoTime()),
                    (old, fresh) -> fresh.contentVersion >= old.contentVersion ? fresh : old);
        }
    }

    private boolean refused(SessionRecord record, String why) {
        String prefix = record.key().substring(0, Math.min(8, record.key().length()));
        LOG.log(System.Logger.Level.WARNING, "session {0} was refused: its record in the grid {1}; treated as no"
                + " session. Either something without the encryption keys wrote it, or this store's"
                + " session.encryption.keys differ from the writers'", prefix, why);
        tell(o -> o.recordRefused(prefix));
        return false;
    }

    private record Seen(long contentVersion, long seenAt) {
    }

    /** A random id for one write, so that the owner recognises the write if it is retried; never 0. */
    public long newWriteId() {
        long id;
        do {
            id = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return id;
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
            return seal.sealed(moved);
        }
        Map<String, byte[]> resealed = new HashMap<>();
        record.attributes().forEach((name, bytes) -> resealed.put(name, sealer.reseal(record.key(), newKey, name,
                bytes)));
        return seal.sealed(moved.withAttributes(resealed));
    }

    private SessionCodec codecFor(String sessionKey) {
        return new SessionCodec(codec, sealer, sessionKey, attribute -> tell(o -> o.decodeFailed(attribute)),
                decodedValues, defaultCodec);
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
