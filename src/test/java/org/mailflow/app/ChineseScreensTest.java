package org.mailflow.app;

import org.mailflow.ui.View;

import org.mailflow.ui.Settings;

import org.mailflow.ui.Page;

import org.mailflow.ui.I18n;

import org.mailflow.ui.FxTaskRunner;

import org.mailflow.ui.CacheSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.Axis;
import javafx.scene.chart.Chart;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Control;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.SmtpFixtures;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14, item 6: the app in Traditional Chinese shows no English. Every page (each pivot of the
 * SMTP AUTH report, the side panels open), the Settings, About and Import dialogs and the standard
 * dialog buttons are walked: every {@link Labeled}, {@link Text}, tooltip, table column, prompt,
 * accessible text, chart title and axis label; a word in Latin letters must be one of the proper
 * nouns that stay as they are ({@link #ALLOWED}). Data (addresses, domains, table cells) is not text of
 * the app and is left out: cells live in a table's {@code VirtualFlow}, and a word joined to a dot,
 * {@code @} or slash belongs to a name.
 */
@ExtendWith(ApplicationExtension.class)
class ChineseScreensTest {
    /** Protocols, products and names that are written the same in Chinese. */
    static final Set<String> ALLOWED = Set.of("SMTP", "AUTH", "TLS", "BCL", "OAuth", "IP", "IPs", "CSV", "Mailflow", "Insights",
            "Postfix", "Exim", "Microsoft", "Exchange", "Online", "Protection", "PowerShell", "MaxMind", "ASN", "SQLite", "Java",
            "JavaFX", "Default", "GeoLite", "GeoIP", "DB", "mbox", "Maildir", "eml", "gz", "UTC", "AS", "SASL", "SmtpCSReport",
            "PLAIN", "LOGIN", "NTLM", "XOAUTH", "CRAM", "MD", "Linux", "Windows", "macOS",
            // a syslog time as the logs write it ("Nov 12 08:30:00"), and the Java runtime's vendor in About
            "syslog", "Nov", "Debian",
            // View ▸ Language names each language in itself
            "English");

    /** The import formats' names (bulk, smtpcsreport, …): the Format list shows them in both languages. */
    private static final Set<String> FORMAT_NAMES = java.util.Arrays.stream(org.mailflow.ingest.ImportFormat.values())
            .flatMap(f -> java.util.Arrays.stream(f.token().split("[^A-Za-z]+"))).collect(java.util.stream.Collectors.toSet());
    private static final Pattern WORD = Pattern.compile("(?<![\\w.@/\\\\-])[A-Za-z][A-Za-z]+(?![\\w.@/\\\\-]*[.@/\\\\]\\w)");

    @TempDir
    static Path dir;

    private Path here;
    private Cache cache;
    private AppContext context;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        here = Files.createTempDirectory(dir, "case");
        cache = Fixtures.smallBulkCache(here);
        SmtpFixtures.write(cache);
        context = new AppContext(Settings.inMemory(), new I18n(I18n.ZH_TW), FxTaskRunner.withDaemonThreads(), () -> here);
        context.sessionProperty().set(new CacheSession(cache, false));
        context.mainWindow();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(context.load(View.MAIN_WINDOW), 1366, 768);
        scene.getStylesheets().add(MailflowApp.class.getResource(MailflowApp.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    /** The English words among the texts of the app in {@code root}, each with where it was found. */
    static List<String> english(Node root, String where) {
        List<String> found = new ArrayList<>();
        Consumer<String> check = text -> {
            if (text == null) {
                return;
            }
            Matcher m = WORD.matcher(text.replaceAll("\\{[^}]*}", ""));
            while (m.find()) {
                if (!ALLOWED.contains(m.group()) && !FORMAT_NAMES.contains(m.group())) {
                    found.add(where + ": “" + m.group() + "” in “" + text + "”");
                }
            }
        };
        walk(root, check);
        return found;
    }

    private static void walk(Node node, Consumer<String> check) {
        if (!node.isVisible() || node.getClass().getSimpleName().equals("VirtualFlow")) {
            return; // hidden, or the cells of a table or list: data, not the app's text
        }
        if (node instanceof Labeled l) {
            check.accept(l.getText());
        }
        if (node instanceof Text t) {
            check.accept(t.getText());
        }
        if (node instanceof TextInputControl t) {
            check.accept(t.getPromptText());
        }
        check.accept(node.getAccessibleText());
        if (node instanceof Control c && c.getTooltip() != null) {
            check.accept(c.getTooltip().getText());
        }
        if (node.getProperties().get("javafx.scene.control.Tooltip") instanceof Tooltip t) {
            check.accept(t.getText());
        }
        if (node instanceof TableView<?> table) {
            columns(table.getColumns(), check);
        }
        if (node instanceof javafx.scene.control.TreeTableView<?> table) {
            columns(table.getColumns(), check);
        }
        if (node instanceof javafx.scene.control.MenuBar bar) {
            bar.getMenus().forEach(m -> items(m, check));
        }
        if (node instanceof Control c && c.getContextMenu() != null) {
            c.getContextMenu().getItems().forEach(i -> items(i, check));
        }
        if (node instanceof Chart chart) {
            check.accept(chart.getTitle());
        }
        if (node instanceof Axis<?> axis) {
            check.accept(axis.getLabel());
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, check);
            }
        }
    }

    /**
     * Headers in Chinese that the window cuts short: a table column header or a card title whose drawn
     * text is not its whole text (JavaFX elides with "…"), or that wraps with one character alone on its
     * last line.
     */
    static List<String> cutHeaders(Node root, String where) {
        List<String> cut = new ArrayList<>();
        for (Node n : root.lookupAll(".column-header .label")) {
            check(n, where, cut);
        }
        for (Node n : root.lookupAll(".card-title")) {
            check(n, where, cut);
        }
        return cut;
    }

    private static void check(Node n, String where, List<String> cut) {
        if (!(n instanceof Labeled l) || l.getText() == null || l.getText().isEmpty() || l.getScene() == null) {
            return;
        }
        for (Node up = n; up != null; up = up.getParent()) {
            if (!up.isVisible()) {
                return;
            }
        }
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text drawn) {
                if (!drawn.getText().equals(l.getText())) {
                    cut.add(where + ": “" + l.getText() + "” drawn as “" + drawn.getText() + "”");
                } else if (l.isWrapText() && drawn.getWrappingWidth() > 0) {
                    String[] lines = lines(drawn);
                    if (lines.length > 1 && lines[lines.length - 1].strip().codePointCount(0, lines[lines.length - 1].strip().length()) == 1) {
                        cut.add(where + ": “" + l.getText() + "” leaves one character on its last line");
                    }
                }
            }
        }
    }

    /** The lines of a wrapped text as drawn, by the caret positions where a new line starts. */
    private static String[] lines(Text drawn) {
        List<String> lines = new ArrayList<>();
        String t = drawn.getText();
        int start = 0;
        double y = Double.NaN;
        for (int i = 0; i < t.length(); i++) {
            drawn.setCaretPosition(i);
            javafx.scene.shape.PathElement[] shape = drawn.getCaretShape();
            double lineY = shape.length > 0 && shape[0] instanceof javafx.scene.shape.MoveTo m ? m.getY() : 0;
            if (!Double.isNaN(y) && lineY > y + 1) {
                lines.add(t.substring(start, i));
                start = i;
            }
            y = lineY;
        }
        lines.add(t.substring(start));
        drawn.setCaretPosition(-1);
        return lines.toArray(String[]::new);
    }

    private static void items(javafx.scene.control.MenuItem item, Consumer<String> check) {
        check.accept(item.getText());
        if (item instanceof javafx.scene.control.Menu menu) {
            menu.getItems().forEach(i -> items(i, check));
        }
    }

    private static void columns(List<? extends TableColumnBase<?, ?>> columns, Consumer<String> check) {
        for (TableColumnBase<?, ?> c : columns) {
            if (c.isVisible()) {
                check.accept(c.getText());
                columns(c.getColumns(), check);
            }
        }
    }

    private Node mainRoot() {
        return stage.getScene().getRoot();
    }

    private void show(FxRobot robot, Page page) {
        robot.interact(() -> context.navigator().show(page));
        waitUntil(() -> context.mainWindow().pageProperty().get() == page && mainRoot().lookup(".page") != null);
    }

    @Test
    void everyPageAndPanelInChineseHasNoEnglishWords(FxRobot robot) {
        Set<String> found = new LinkedHashSet<>();
        show(robot, Page.DASHBOARD);
        waitUntil(() -> !context.dashboard().smtpSendersProperty().get().isEmpty());
        try {
            waitUntil(() -> !context.dashboard().smtpUnusualProperty().get().isEmpty()
                    && !context.dashboard().smtpUnusualProperty().get().equals(context.i18n().get("dashboard.smtp.unusualPending")));
        } catch (AssertionError e) {
            throw new AssertionError("unusual: " + context.dashboard().smtpUnusualProperty().get() + " senders " + context.dashboard().smtpSendersProperty().get(), e);
        }
        robot.interact(() -> context.dashboard().flyoutOpenProperty().set(true));
        robot.sleep(700); // the charts' texts are set after a layout pass (ChartTexts)
        robot.interact(() -> { found.addAll(english(mainRoot(), "dashboard")); found.addAll(cutHeaders(mainRoot(), "dashboard")); });
        robot.interact(() -> context.dashboard().flyoutOpenProperty().set(false));

        show(robot, Page.SMTP_AUTH);
        waitUntil(() -> context.smtpAuth().reportProperty().get() != null && mainRoot().lookup("#countLabel") != null);
        for (SmtpExports.Pivot pivot : SmtpExports.Pivot.values()) {
            robot.interact(() -> context.smtpAuth().pivotProperty().set(pivot));
            waitUntil(() -> context.smtpAuth().pivotProperty().get() == pivot);
            if (pivot == SmtpExports.Pivot.IPS) {
                robot.interact(() -> context.smtpAuth().selectedIpProperty().set(context.smtpAuth().sortedIps().get(0)));
            } else {
                robot.interact(() -> context.smtpAuth().selectedProperty().set(context.smtpAuth().sortedRows().get(0)));
            }
            robot.sleep(700);
            robot.interact(() -> { found.addAll(english(mainRoot(), "smtp-auth " + pivot)); found.addAll(cutHeaders(mainRoot(), "smtp-auth " + pivot)); });
        }

        show(robot, Page.BULK);
        waitUntil(() -> context.bulk().resultProperty().get() != null);
        robot.interact(() -> context.bulk().selectedProperty().set(context.bulk().sortedSenders().get(0)));
        robot.sleep(700);
        robot.interact(() -> { found.addAll(english(mainRoot(), "bulk")); found.addAll(cutHeaders(mainRoot(), "bulk")); });

        show(robot, Page.POLICIES);
        waitUntil(() -> mainRoot().lookup("#policyTable") != null);
        robot.sleep(700);
        robot.interact(() -> { found.addAll(english(mainRoot(), "policies")); found.addAll(cutHeaders(mainRoot(), "policies")); });

        for (View dialog : List.of(View.SETTINGS, View.ABOUT, View.IMPORT_DIALOG)) {
            robot.interact(() -> {
                Stage s = new Stage();
                s.initOwner(stage);
                s.setScene(new Scene(context.load(dialog)));
                s.show();
                s.getScene().getRoot().applyCss();
                s.getScene().getRoot().layout();
                found.addAll(english(s.getScene().getRoot(), dialog.name()));
                s.close();
            });
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theWalkFindsEnglishWhereThereIsSome() {
        javafx.scene.control.Label label = new javafx.scene.control.Label("寄件者 Sender");
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(label, new javafx.scene.control.Label("SMTP AUTH 用戶端 a@b.example"));
        assertThat(english(box, "test")).containsExactly("test: “Sender” in “寄件者 Sender”");
    }

    @Test
    void standardDialogButtonsReadInChinese(FxRobot robot) {
        List<String> texts = new ArrayList<>();
        robot.interact(() -> {
            javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION);
            a.getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL, ButtonType.CLOSE);
            a.initOwner(stage);
            a.show();
            DialogPane pane = a.getDialogPane();
            for (ButtonType t : pane.getButtonTypes()) {
                texts.add(((javafx.scene.control.Button) pane.lookupButton(t)).getText());
            }
            a.close();
        });
        assertThat(texts).containsExactly("確定", "取消", "關閉");
    }

    @Test
    void chineseHeadingsUseAFontWithABoldFace(FxRobot robot) {
        var family = CjkFont.family();
        if (family.isEmpty()) {
            // no bold CJK font here: the app keeps the default font (logged), nothing is added
            assertThat(stage.getScene().getStylesheets()).noneMatch(s -> s.startsWith(CjkFont.STYLESHEET_PREFIX));
            return;
        }
        assertThat(stage.getScene().getStylesheets()).contains(CjkFont.stylesheet(family.get()));
        show(robot, Page.DASHBOARD);
        waitUntil(() -> robot.lookup(".card-title").tryQuery().isPresent());
        Labeled title = robot.lookup(".card-title").queryAs(Labeled.class);
        assertThat(title.getFont().getFamily()).isEqualTo(family.get());
        assertThat(title.getFont().getStyle()).containsIgnoringCase("bold");
        assertThat(Font.font(family.get(), FontWeight.BOLD, 12).getStyle()).containsIgnoringCase("bold");
    }

    @Test
    void theFontIsTheFirstOfTheStackInstalledWithABoldFaceOrNone() {
        Set<String> installed = Set.of("Droid Sans Fallback", "WenQuanYi Zen Hei", "noto sans cjk tc", "Heiti TC");
        assertThat(CjkFont.choose(CjkFont.STACK, installed, f -> true)).contains("Noto Sans CJK TC");
        assertThat(CjkFont.choose(CjkFont.STACK, installed, f -> !f.startsWith("Noto"))).contains("Heiti TC");
        assertThat(CjkFont.choose(CjkFont.STACK, Set.of("Droid Sans Fallback"), f -> true)).isEmpty();
        assertThat(CjkFont.choose(CjkFont.STACK, installed, f -> false)).isEmpty();
    }
}
