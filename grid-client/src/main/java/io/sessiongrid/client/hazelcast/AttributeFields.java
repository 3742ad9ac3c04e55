package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.util.Map;

/**
 * Writes a name-to-bytes map as three Compact fields (names, lengths, one concatenated byte array) and reads it
 * back as an immutable map (a flat table, smaller than a hash map's nodes). Three flat arrays instead of nested
 * objects keep the record small on the wire.
 */
final class AttributeFields {
    private AttributeFields() {
    }

    static void write(CompactWriter writer, String prefix, Map<String, byte[]> attributes) {
        int n = attributes.size();
        String[] names = new String[n];
        int[] lengths = new int[n];
        int total = 0;
        int i = 0;
        for (Map.Entry<String, byte[]> e : attributes.entrySet()) {
            names[i] = e.getKey();
            lengths[i] = e.getValue().length;
            total += lengths[i];
            i++;
        }
        byte[] blob = new byte[total];
        int at = 0;
        i = 0;
        for (byte[] value : attributes.values()) {
            System.arraycopy(value, 0, blob, at, lengths[i]);
            at += lengths[i++];
        }
        writer.writeArrayOfString(prefix + "Names", names);
        writer.writeArrayOfInt32(prefix + "Lengths", lengths);
        writer.writeArrayOfInt8(prefix + "Bytes", blob);
    }

    static Map<String, byte[]> read(CompactReader reader, String prefix) {
        String[] names = reader.readArrayOfString(prefix + "Names");
        int[] lengths = reader.readArrayOfInt32(prefix + "Lengths");
        byte[] blob = reader.readArrayOfInt8(prefix + "Bytes");
        @SuppressWarnings("unchecked")
        Map.Entry<String, byte[]>[] attributes = new Map.Entry[names.length];
        int at = 0;
        for (int i = 0; i < names.length; i++) {
            byte[] value = new byte[lengths[i]];
            System.arraycopy(blob, at, value, 0, lengths[i]);
            at += lengths[i];
            // One String per attribute name in the JVM, not one per stored copy: a member keeps every record it
            // holds as an object, so a name repeated in each session's record would otherwise cost its bytes each time.
            attributes[i] = Map.entry(names[i].intern(), value);
        }
        return Map.ofEntries(attributes);
    }
}
