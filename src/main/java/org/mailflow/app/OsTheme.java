package org.mailflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Whether the operating system prefers dark windows, for {@link Theme#SYSTEM}. Asked once at start, on
 * a daemon thread, each command with a {@link #TIMEOUT_MS} limit; anything unknown (no such command, a
 * timeout, an answer we cannot read) means light.
 * <ul>
 * <li>Linux and other Unix desktops: the {@code GTK_THEME} variable when it names a dark variant
 * ({@code Adwaita:dark}, {@code Adwaita-dark}); otherwise {@code gsettings get org.gnome.desktop.interface
 * color-scheme} ({@code 'prefer-dark'}, as GNOME 42+ and the freedesktop portal set it), then
 * {@code gsettings get org.gnome.desktop.interface gtk-theme} when the theme's name ends in {@code -dark}.</li>
 * <li>Windows: {@code reg query HKCU\...\Themes\Personalize /v AppsUseLightTheme}, dark when {@code 0x0}.</li>
 * <li>macOS: {@code defaults read -g AppleInterfaceStyle}, dark when it answers {@code Dark} (the key is
 * absent in light mode, and the command fails).</li>
 * </ul>
 * The parsers are separate static methods so that tests check them on recorded answers.
 */
public final class OsTheme {
    static final long TIMEOUT_MS = 1500;

    private OsTheme() {
    }

    /** Asks the operating system on a daemon thread; completes with false when unknown. */
    public static CompletableFuture<Boolean> detectAsync() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            boolean dark = false;
            try {
                dark = detect(System.getProperty("os.name", ""), System.getenv());
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(OsTheme.class).debug("cannot tell the system theme: {}", e.toString());
            }
            result.complete(dark);
        }, "mailflow-os-theme");
        t.setDaemon(true);
        t.start();
        return result;
    }

    static boolean detect(String osName, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return run(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme")).flatMap(OsTheme::windowsRegistry).orElse(false);
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return macDefaults(run(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).orElse(""));
        }
        Optional<Boolean> gtk = gtkThemeVariable(env.get("GTK_THEME"));
        if (gtk.isPresent()) {
            return gtk.get();
        }
        Optional<Boolean> scheme = run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"))
                .flatMap(OsTheme::gsettingsColorScheme);
        if (scheme.isPresent()) {
            return scheme.get();
        }
        return run(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"))
                .map(OsTheme::gsettingsGtkTheme).orElse(false);
    }

    /** {@code GTK_THEME=Adwaita:dark} or {@code Adwaita-dark}: dark; another theme: light; unset: unknown. */
    static Optional<Boolean> gtkThemeVariable(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Optional.of(v.endsWith(":dark") || v.endsWith("-dark"));
    }

    /** {@code 'prefer-dark'}: dark; {@code 'prefer-light'}: light; {@code 'default'} or anything else: unknown. */
    static Optional<Boolean> gsettingsColorScheme(String output) {
        String v = unquote(output);
        if (v.equals("prefer-dark")) {
            return Optional.of(true);
        }
        return v.equals("prefer-light") ? Optional.of(false) : Optional.empty();
    }

    /** {@code 'Adwaita-dark'}, {@code 'Yaru-dark'}: dark. */
    static boolean gsettingsGtkTheme(String output) {
        return unquote(output).endsWith("-dark");
    }

    private static final Pattern REG_DWORD = Pattern.compile("AppsUseLightTheme\\s+REG_DWORD\\s+0x([0-9a-fA-F]+)");

    /** {@code AppsUseLightTheme    REG_DWORD    0x0}: dark; {@code 0x1}: light; no such line: unknown. */
    static Optional<Boolean> windowsRegistry(String output) {
        Matcher m = REG_DWORD.matcher(output == null ? "" : output);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(m.group(1), 16) == 0);
    }

    /** {@code Dark}: dark; nothing (the key does not exist in light mode): light. */
    static boolean macDefaults(String output) {
        return output != null && output.trim().equalsIgnoreCase("dark");
    }

    private static String unquote(String output) {
        String v = output == null ? "" : output.trim().toLowerCase(Locale.ROOT);
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** A command's standard output when it ends in time with status 0; empty otherwise. */
    private static Optional<String> run(List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(nullDevice()))).start();
        } catch (IOException e) {
            return Optional.empty(); // no such command on this system
        }
        try (InputStream out = p.getInputStream()) {
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readNBytes(64 * 1024);
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                LoggerFactory.getLogger(OsTheme.class).debug("{} did not answer within {} ms", command.get(0), TIMEOUT_MS);
                return Optional.empty();
            }
            byte[] bytes = read.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return p.exitValue() == 0 ? Optional.of(new String(bytes, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return Optional.empty();
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            return Optional.empty();
        }
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "NUL" : "/dev/null";
    }
}
