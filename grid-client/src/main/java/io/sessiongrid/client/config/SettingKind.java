package io.sessiongrid.client.config;

/** What a setting's text must look like; {@link SettingValues} refuses anything else, naming the key. */
public enum SettingKind {
    TEXT("text"),
    INTEGER("whole number"),
    BYTES("number of bytes"),
    DURATION("duration: 500ms, 30s, 2m, 1h"),
    BOOLEAN("true or false"),
    LIST("comma-separated list"),
    CHOICE("one of");

    private final String description;

    SettingKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
