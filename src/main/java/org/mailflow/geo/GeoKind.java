package org.mailflow.geo;
// Interim stand-in until the geo package lands (replaced wholesale by the real implementation).
public enum GeoKind { COUNTRY, CITY, ASN }
