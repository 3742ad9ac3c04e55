package io.sessiongrid.client.api;

/**
 * An attribute is over {@link StoreSettings#maxAttributeBytes()} encoded, or over the uncompressed bound derived
 * from it. Nothing was written.
 */
public final class AttributeTooLargeException extends AttributeRejectedException {
    public AttributeTooLargeException(String attribute, long bytes, long limit) {
        super(attribute, "attribute \"" + attribute + "\" is " + bytes + " bytes encoded, over the " + limit
                + " byte limit (session.max-attribute-bytes); store less or raise the limit");
    }

    private AttributeTooLargeException(String attribute, String message) {
        super(attribute, message);
    }

    /**
     * The value is over the uncompressed bound, {@value StoreSettings#PLAIN_BYTES_PER_ENCODED_BYTE} times
     * {@code session.max-attribute-bytes}, that bounds what reading any stored value may allocate.
     */
    public static AttributeTooLargeException uncompressed(String attribute, long bytes, long limit) {
        return new AttributeTooLargeException(attribute, "attribute \"" + attribute + "\" is " + bytes
                + " bytes before compression, over the " + limit + " byte bound (" + StoreSettings
                .PLAIN_BYTES_PER_ENCODED_BYTE + " x session.max-attribute-bytes); store less or raise"
                + " session.max-attribute-bytes");
    }
}
