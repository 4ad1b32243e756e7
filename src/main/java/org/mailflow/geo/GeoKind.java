package org.mailflow.geo;

/** The kinds of MaxMind DB the app reads: where an address is (country, or city with coordinates) and who runs it (ASN). */
public enum GeoKind {
    COUNTRY("Country"), CITY("City"), ASN("ASN");

    private final String label;

    GeoKind(String label) {
        this.label = label;
    }

    /** The English name, as MaxMind's file names use it ("Country", "City", "ASN"). */
    public String label() {
        return label;
    }
}
