package org.mailflow.bulk;

/** The tenant allow/block list's verdict for a sender; overrides the quality score. */
public enum AdminSetting {
    ALLOW("Allow"), BLOCK("Block"), NONE("None");

    private final String label;

    AdminSetting(String label) {
        this.label = label;
    }

    /** The value shown in the sender panel and printed by {@code bulk sender}. */
    public String label() {
        return label;
    }
}
