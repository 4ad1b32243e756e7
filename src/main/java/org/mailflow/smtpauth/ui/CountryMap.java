package org.mailflow.smtpauth.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ScrollEvent;
import org.controlsfx.control.WorldMapView;
import org.mailflow.ui.I18n;
import org.mailflow.smtpauth.AccountHistory;

/**
 * The sender panel's world map (ControlsFX {@link WorldMapView}): the countries an account sent from,
 * shaded in four steps by their messages relative to its busiest country ({@code heat-1} … {@code heat-4}),
 * each with its name and count on hover. Codes the map does not draw (Singapore, Malta, Hong Kong…) are
 * left out of the map but still counted in the panel's list. The map keeps its country views and
 * restyles them, so showing another account does not rebuild some 300 SVG paths.
 */
final class CountryMap {
    /** Above these shares of the busiest country's messages a country takes the next darker step. */
    static final double[] STEPS = {0.05, 0.2, 0.5};
    private static final Map<String, WorldMapView.Country> BY_CODE = byCode();

    private final I18n i18n;
    private final Map<WorldMapView.Country, List<WorldMapView.CountryView>> views = new EnumMap<>(WorldMapView.Country.class);
    private final Tooltip tooltip = new Tooltip();
    private Map<WorldMapView.Country, Long> counts = Map.of();
    private Map<WorldMapView.Country, Integer> levels = Map.of();

    CountryMap(WorldMapView map, I18n i18n) {
        this.i18n = i18n;
        tooltip.setShowDelay(javafx.util.Duration.millis(150));
        map.setCountryViewFactory(country -> {
            WorldMapView.CountryView view = new WorldMapView.CountryView(country);
            views.computeIfAbsent(country, c -> new ArrayList<>()).add(view);
            view.setOnMouseEntered(e -> tooltip.setText(tip(country)));
            Tooltip.install(view, tooltip);
            style(view);
            return view;
        });
        // The map eats the mouse wheel (it pans and zooms on gestures only): the event goes to the map's
        // parent instead, from where it bubbles up to the scroll pane around the panel.
        map.addEventFilter(ScrollEvent.SCROLL, e -> {
            Node parent = map.getParent();
            if (parent != null) {
                Event copy = e.copyFor(parent, parent); // before consume(): a copy keeps the consumed flag
                e.consume();
                Event.fireEvent(parent, copy);
            }
        });
    }

    /** Shades the countries of an account ({@link AccountHistory#countries()}: ISO codes with messages). */
    void show(List<AccountHistory.Count> countries) {
        counts = counts(countries);
        levels = levels(countries);
        views.values().forEach(list -> list.forEach(this::style));
    }

    private void style(WorldMapView.CountryView view) {
        view.getStyleClass().removeAll("heat-1", "heat-2", "heat-3", "heat-4");
        Integer level = levels.get(view.getCountry());
        if (level != null) {
            view.getStyleClass().add("heat-" + level);
        }
    }

    private String tip(WorldMapView.Country country) {
        String name = country.getLocale().getDisplayCountry(i18n.locale());
        Long n = counts.get(country);
        return n == null ? name : i18n.format("smtp.panel.countryTip", name, n);
    }

    /** The map's country of an ISO 3166-1 alpha-2 code (any case); empty for codes it does not draw, "" and null. */
    static Optional<WorldMapView.Country> country(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code.toUpperCase(Locale.ROOT)));
    }

    /** Messages per drawn country (codes the map lacks are left out). */
    static Map<WorldMapView.Country, Long> counts(List<AccountHistory.Count> countries) {
        Map<WorldMapView.Country, Long> out = new EnumMap<>(WorldMapView.Country.class);
        for (AccountHistory.Count c : countries) {
            country(c.value()).ifPresent(k -> out.merge(k, c.count(), Long::sum));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The shade of each drawn country with messages, 1 (few) to 4 (the busiest half), by its share of the busiest country's messages. */
    static Map<WorldMapView.Country, Integer> levels(List<AccountHistory.Count> countries) {
        Map<WorldMapView.Country, Long> counts = counts(countries);
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        Map<WorldMapView.Country, Integer> out = new EnumMap<>(WorldMapView.Country.class);
        counts.forEach((country, n) -> {
            if (n <= 0) {
                return;
            }
            double share = (double) n / max;
            int level = 1;
            for (double step : STEPS) {
                if (share >= step) {
                    level++;
                }
            }
            out.put(country, level);
        });
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, WorldMapView.Country> byCode() {
        Map<String, WorldMapView.Country> out = new HashMap<>();
        for (WorldMapView.Country c : WorldMapView.Country.values()) {
            out.put(c.name(), c);
        }
        return Map.copyOf(out);
    }
}
