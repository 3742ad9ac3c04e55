package io.sessiongrid.client.api;

/** An encoded attribute is over {@link StoreSettings#maxAttributeBytes()}. Nothing was written. */
public final class AttributeTooLargeException extends AttributeRejectedException {
    public AttributeTooLargeException(String attribute, long bytes, long limit) {
        super(attribute, "attribute \"" + attribute + "\" is " + bytes + " bytes encoded, over the " + limit
                + " byte limit (session.max-attribute-bytes); store less or raise the limit");
    }
}
