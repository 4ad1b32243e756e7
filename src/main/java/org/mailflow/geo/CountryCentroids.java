package org.mailflow.geo;
// Interim stand-in until the geo package lands (replaced wholesale by the real implementation).
public final class CountryCentroids { public static java.util.Optional<double[]> of(String iso2) { return java.util.Optional.empty(); } }
