package io.sessiongrid.client.config;

import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.MemberSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingValuesTest {
    @Test
    void everyChannelSpellsOneNameByItsRule() {
        assertEquals("session-map.backup-count", Channel.YAML.spell("session-map.backup-count"));
        assertEquals("SESSIONGRID_SESSION_MAP_BACKUP_COUNT", Channel.ENVIRONMENT.spell("session-map.backup-count"));
        assertEquals("io.sessiongrid.cluster.name", Channel.CONTEXT_PARAM.spell("cluster.name"));
        assertEquals("--session-map-name", Channel.COMMAND_LINE.spell("session.map-name"));
        assertEquals("sessiongrid.cookie.same-site", Channel.SPRING_PROPERTY.spell("cookie.same-site"));
    }

    @Test
    void namesAreUniqueInEveryChannelAndEverySettingIsReadAndDescribed() {
        for (Channel channel : Channel.values()) {
            Set<String> seen = new HashSet<>();
            for (Setting s : Setting.values()) {
                assertTrue(seen.add(channel.spell(s.key())), channel + " spells two settings " + channel.spell(s.key()));
            }
        }
        for (Setting s : Setting.values()) {
            assertFalse(s.readers().isEmpty(), s + " is read by nobody");
            assertFalse(s.description().isBlank(), s + " has no description");
            assertTrue(s.key().matches("[a-z0-9]+([.-][a-z0-9]+)*"), s.key());
            assertEquals(s.kind() == SettingKind.CHOICE, !s.choices().isEmpty(), s.key());
            s.defaultValue().ifPresent(d -> assertTrue(s.choices().isEmpty() || s.choices().contains(d), s.key()));
        }
    }

    @Test
    void unknownRenamedAndForeignKeysFailNamingThem() {
        SettingException typo = assertThrows(SettingException.class, () -> SettingValues.read(Component.FILTER,
                Channel.CONTEXT_PARAM, Map.of("io.sessiongrid.cluster.nmae", "x")));
        assertTrue(typo.getMessage().startsWith("unknown context-param io.sessiongrid.cluster.nmae; filter reads "
                + "io.sessiongrid.client.addresses, "), typo.getMessage());
        SettingException renamed = assertThrows(SettingException.class, () -> SettingValues.read(Component.FILTER,
                Channel.INIT_PARAM, Map.of("grid.addresses", "127.0.0.1:5701")));
        assertEquals("init-param grid.addresses is now called client.addresses", renamed.getMessage());
        SettingException foreign = assertThrows(SettingException.class, () -> SettingValues.read(Component.GRID_NODE,
                Channel.YAML, Map.of("cookie.name", "S")));
        assertEquals("YAML key cookie.name is not read by grid-node; it is read by filter, Spring Boot starter",
                foreign.getMessage());
        // One environment serves several programs: the node leaves gridctl's and others' variables alone.
        SettingValues env = SettingValues.read(Component.GRID_NODE, Channel.ENVIRONMENT,
                Map.of("SESSIONGRID_CLIENT_ADDRESSES", "127.0.0.1:5701", "HOME", "/root"));
        assertFalse(env.isGiven(Setting.CLIENT_ADDRESSES));
    }

    @Test
    void badValuesOfEveryKindFailNamingTheKeyAsGiven() {
        Map<SettingKind, String> bad = Map.of(SettingKind.INTEGER, "5x", SettingKind.BYTES, "1MB",
                SettingKind.DURATION, "soon", SettingKind.BOOLEAN, "yes", SettingKind.CHOICE, "nonsense");
        for (Setting s : Setting.values()) {
            String value = bad.get(s.kind());
            if (value == null) {
                continue;
            }
            Component reader = s.readers().iterator().next();
            for (Channel channel : reader.channels()) {
                String key = channel.spell(s.key());
                SettingValues v = SettingValues.read(reader, channel, Map.of(key, value));
                SettingException e = assertThrows(SettingException.class, () -> {
                    switch (s.kind()) {
                        case INTEGER, BYTES -> v.integer(s);
                        case DURATION -> v.duration(s);
                        case BOOLEAN -> v.bool(s);
                        default -> v.choice(s);
                    }
                });
                assertTrue(e.getMessage().startsWith(key + " must be ") && e.getMessage().endsWith("\"" + value + "\""),
                        e.getMessage());
            }
        }
    }

    @Test
    void laterChannelsOverrideEarlierOnesKeyByKeyAndListsReadAsLists() {
        SettingValues yaml = SettingValues.read(Component.GRID_NODE, Channel.YAML, Map.of("network.port", 6701,
                "join.members", List.of("127.0.0.1:6701", " 127.0.0.1:6702"), "cluster.name", "shop"));
        SettingValues v = yaml.overriddenBy(SettingValues.read(Component.GRID_NODE, Channel.ENVIRONMENT,
                Map.of("SESSIONGRID_NETWORK_PORT", "6702")));
        assertEquals(6702, v.integer(Setting.NETWORK_PORT).orElseThrow());
        assertEquals("SESSIONGRID_NETWORK_PORT", v.spelled(Setting.NETWORK_PORT));
        assertEquals("shop", v.text(Setting.CLUSTER_NAME).orElseThrow());
        assertEquals(List.of("127.0.0.1:6701", "127.0.0.1:6702"), v.list(Setting.JOIN_MEMBERS));
        SettingException e = assertThrows(SettingException.class, () -> MemberSettings.configured(
                SettingValues.read(Component.GRID_NODE, Channel.ENVIRONMENT, Map.of("SESSIONGRID_NETWORK_PORT", "0"))));
        assertTrue(e.getMessage().startsWith("SESSIONGRID_NETWORK_PORT must be 1-65535"), e.getMessage());
    }

    /** What the registry says is the default is what a builder does when nothing is set, and the reverse. */
    @Test
    void theRegistrysDefaultsAreTheBuildersDefaults() {
        ClientSettings client = ClientSettings.configured(SettingValues.none(Component.FILTER)).build();
        ClientSettings bare = ClientSettings.builder().build();
        assertEquals(bare.clusterName(), client.clusterName());
        assertEquals(List.of("127.0.0.1:5701"), client.addresses());
        assertEquals(bare.connectTimeout(), client.connectTimeout());
        assertEquals(bare.operationTimeout(), client.operationTimeout());
        assertEquals(bare.sessionMaps(), client.sessionMaps());
        assertEquals(bare.nearCacheMaxEntries(), client.nearCacheMaxEntries());
        assertEquals(Optional.of(ReadMode.VALIDATED), client.readMode(),
                "the filter's stores read validated, so its grid has no Hazelcast near cache to invalidate");
        assertEquals(Optional.empty(), bare.readMode(), "a grid built in code keeps the near cache for either mode");

        MemberSettings member = MemberSettings.configured(SettingValues.none(Component.GRID_NODE)).build();
        MemberSettings plain = MemberSettings.builder().build();
        assertEquals(plain.clusterName(), member.clusterName());
        assertEquals(plain.host(), member.host());
        assertEquals(plain.port(), member.port());
        assertEquals(plain.portCount(), member.portCount());
        assertEquals(plain.joinMode(), member.joinMode());
        assertEquals(plain.members(), member.members());
        assertEquals(plain.sessionMaps(), member.sessionMaps());
        assertEquals(plain.backupCount(), member.backupCount());
        assertEquals(plain.asyncBackupCount(), member.asyncBackupCount());
        assertEquals(plain.nearCacheMaxEntries(), member.nearCacheMaxEntries());
        assertEquals(plain.gracefulShutdownMaxWait(), member.gracefulShutdownMaxWait());
        assertEquals(Optional.empty(), member.readMode(), "a grid-node opens no store");

        StoreSettings store = StoreSettings.configured(SettingValues.none(Component.FILTER)).build();
        StoreSettings usual = StoreSettings.builder().build();
        assertEquals(usual.mapName(), store.mapName());
        assertEquals(usual.readMode(), store.readMode());
        assertEquals(usual.defaultMaxInactiveInterval(), store.defaultMaxInactiveInterval());
        assertEquals(usual.maxLifetime(), store.maxLifetime());
        assertEquals(usual.touchInterval(), store.touchInterval());
        assertEquals(usual.maxAttributeBytes(), store.maxAttributeBytes());
        assertEquals(usual.maxSessionBytes(), store.maxSessionBytes());
        assertEquals(usual.compressionThresholdBytes(), store.compressionThresholdBytes());
        assertEquals(usual.allowedClasses(), store.allowedClasses());
        assertEquals(usual.maxValueDepth(), store.maxValueDepth());
        assertEquals(usual.lockLease(), store.lockLease());
        assertEquals(usual.encryptionKeys(), store.encryptionKeys());
        assertEquals(Duration.ofMinutes(30), store.defaultMaxInactiveInterval());
        assertTrue(Arrays.stream(Setting.values()).allMatch(s -> s.defaultValue().map(d -> !d.isBlank()).orElse(true)));
    }
}
