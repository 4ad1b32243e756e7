package org.mailflow.app;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.slf4j.LoggerFactory;

/**
 * The font of the Traditional Chinese UI: the first family of {@link #STACK} that is installed
 * <em>with a bold face</em>, so that headings (which app.css sets bold) are bold in Chinese too.
 * JavaFX CSS does not take a fallback list of families reliably, and the toolkit's own fallback for
 * Han characters is often a regular-only font (Debian's Droid Sans Fallback), which draws bold
 * headings at regular weight; so the family is chosen once at start-up and set on the root of
 * every window by a generated style sheet ({@link #stylesheet}, applied by {@link LanguageLook}).
 *
 * <p>The stack lists the Traditional Chinese UI fonts of each system: Noto Sans CJK TC (Linux: the
 * Debian/Ubuntu package {@code fonts-noto-cjk}, which the .deb installer recommends), Source Han
 * Sans (the same design under Adobe's name), Microsoft JhengHei (Windows), PingFang TC and Heiti TC
 * (macOS) and WenQuanYi (older Linux). When none is installed with a bold face the app keeps the
 * toolkit's default font (regular-weight Chinese headings, nothing breaks) and logs this once.
 */
public final class CjkFont {
    /** The families tried, in order. */
    public static final List<String> STACK = List.of("Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC",
            "Source Han Sans TW", "Microsoft JhengHei UI", "Microsoft JhengHei", "PingFang TC", "Heiti TC",
            "WenQuanYi Zen Hei", "WenQuanYi Micro Hei");

    private static Optional<String> chosen;

    private CjkFont() {
    }

    /**
     * The first family of {@code stack} that is {@code installed} and passes {@code hasBold}; the
     * names compare without regard to case.
     */
    static Optional<String> choose(List<String> stack, Collection<String> installed, Predicate<String> hasBold) {
        Set<String> lower = new HashSet<>();
        installed.forEach(f -> lower.add(f.toLowerCase(Locale.ROOT)));
        return stack.stream().filter(f -> lower.contains(f.toLowerCase(Locale.ROOT))).filter(hasBold).findFirst();
    }

    /**
     * True when asking the toolkit for {@code family} in bold gives a bold face of that family (not
     * the regular face, and not another family it fell back to).
     */
    static boolean hasBold(String family) {
        Font bold = Font.font(family, FontWeight.BOLD, 13);
        String style = (bold.getStyle() + " " + bold.getName()).toLowerCase(Locale.ROOT);
        return bold.getFamily().equalsIgnoreCase(family)
                && (style.contains("bold") || style.contains("heavy") || style.contains("black") || style.contains("semibold"));
    }

    /**
     * The family of the Chinese UI on this machine, chosen on first call (FX toolkit running); empty,
     * logged once, when no family of the stack has a bold face here.
     */
    public static synchronized Optional<String> family() {
        if (chosen == null) {
            chosen = choose(STACK, Font.getFamilies(), CjkFont::hasBold);
            if (chosen.isEmpty()) {
                LoggerFactory.getLogger(CjkFont.class).warn("no Traditional Chinese font with a bold face is installed (tried {});"
                        + " Chinese headings are drawn at regular weight. On Debian or Ubuntu: apt install fonts-noto-cjk", STACK);
            } else {
                LoggerFactory.getLogger(CjkFont.class).info("Traditional Chinese text in {}", chosen.get());
            }
        }
        return chosen;
    }

    /** The first line of the generated style sheet (24 bytes: its Base64 is a fixed prefix, {@link #STYLESHEET_PREFIX}). */
    private static final String MARK = "/* mailflow-cjk-font */\n";

    /** How every style sheet of {@link #stylesheet} begins. */
    static final String STYLESHEET_PREFIX = "data:text/css;base64,"
            + Base64.getEncoder().encodeToString(MARK.getBytes(StandardCharsets.UTF_8));

    /** A style sheet (a data: URL) that sets {@code family} on the root of a scene. */
    public static String stylesheet(String family) {
        String css = MARK + ".root { -fx-font-family: \"" + family.replace("\"", "") + "\"; }\n";
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
    }
}
