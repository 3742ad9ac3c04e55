package io.sessiongrid.client.api;

/**
 * Turns attribute values into bytes and back. The grid stores only the bytes, so its members never need an
 * application class. Implementations must be thread safe and must not keep references to the values.
 */
public interface AttributeCodec {
    /**
     * @throws AttributeRejectedException naming the attribute when the value cannot be encoded (for example it
     *         is not serializable or its class is not allowed)
     */
    byte[] encode(String attribute, Object value);

    /**
     * @throws AttributeDecodeException naming the attribute when the bytes cannot be decoded; the refused
     *         class's code never runs
     */
    Object decode(String attribute, byte[] bytes);
}
