package io.sessiongrid.client.api;

/**
 * A stored or offered value holds a class outside the deserialization allowlist. Raised before the class is
 * instantiated, so none of its code runs.
 */
public final class AttributeClassNotAllowedException extends AttributeDecodeException {
    public AttributeClassNotAllowedException(String attribute, String className) {
        super(attribute, "attribute \"" + attribute + "\" holds class " + className
                + ", which is not on the deserialization allowlist; add its package to session.allowed-classes"
                + " if it is trusted", null);
    }
}
