package io.sessiongrid.client.hazelcast;

import io.sessiongrid.client.api.AttributeClassNotAllowedException;
import io.sessiongrid.client.api.AttributeCodec;
import io.sessiongrid.client.api.AttributeDecodeException;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreObserver;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.Gadget;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Values that reach a store in bytes it did not write itself (another application on the same map, an older
 * version, a hostile writer): each fails alone and clearly, and the rest of the session stays usable.
 */
@ExtendWith(SharedGridResolver.class)
class HostileValuesTest {

    @Test
    void storedValueOfAClassOutsideTheReadersAllowlistIsRefusedBeforeItsCodeRuns(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore permissive = grid.clientA().openStore(StoreSettings.builder().mapName(map)
                .allowClasses("io.sessiongrid.client.testing.*").build());
        SessionStore strict = grid.clientB().openStore(StoreSettings.builder().mapName(map).build());
        List<String> failures = new CopyOnWriteArrayList<>();
        strict.addObserver(new StoreObserver() {
            @Override
            public void decodeFailed(String attribute) {
                failures.add(attribute);
            }
        });
        Session s = permissive.create(SessionChanges.builder().set("gadget", new Gadget()).set("user", "ann").build());
        int readsBefore = Gadget.READS.get();

        Session seen = strict.find(s.id()).orElseThrow();
        AttributeClassNotAllowedException e = assertThrows(AttributeClassNotAllowedException.class,
                () -> seen.attribute("gadget"));
        assertEquals("gadget", e.attribute());
        assertEquals(readsBefore, Gadget.READS.get(), "readObject of a refused class never ran");
        assertEquals(List.of("gadget"), failures, "the observer heard of the refusal");
        assertEquals("ann", seen.attribute("user"));
        strict.apply(s.id(), SessionChanges.builder().set("cart", 3).build());
        assertEquals(3, strict.find(s.id()).orElseThrow().attribute("cart"));
    }

    @Test
    void damagedBytesFailOnlyTheirAttribute(SharedGrid grid) {
        String map = grid.nextMapName();
        AttributeCodec rawText = new AttributeCodec() {
            @Override
            public byte[] encode(String attribute, Object value) {
                return value.toString().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public Object decode(String attribute, byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        };
        SessionStore foreign = grid.embedded().openStore(StoreSettings.builder().mapName(map).codec(rawText).build());
        SessionStore ours = grid.clientA().openStore(StoreSettings.builder().mapName(map).build());
        Session s = ours.create(SessionChanges.builder().set("user", "ann").build());
        foreign.apply(s.id(), SessionChanges.builder().set("note", "not java serialization").build());

        Session seen = ours.find(s.id()).orElseThrow();
        AttributeDecodeException e = assertThrows(AttributeDecodeException.class, () -> seen.attribute("note"));
        assertEquals("note", e.attribute());
        assertEquals("ann", seen.attribute("user"));
        ours.apply(s.id(), SessionChanges.builder().remove("note").build());
        assertEquals(java.util.Set.of("user"), ours.find(s.id()).orElseThrow().attributeNames());
    }
}
