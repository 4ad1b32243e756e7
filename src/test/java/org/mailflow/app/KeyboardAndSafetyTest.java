package org.mailflow.app;

import org.mailflow.ui.View;

import org.mailflow.ui.Page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.bulk.Policy;
import org.mailflow.cache.Cache;
import org.mailflow.cache.PolicyStore;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.SmtpFixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14, item 5: the main window's accelerators (Ctrl+1…4, Ctrl+O, Ctrl+E, Ctrl+F), Escape
 * closing panels and dialogs, Enter confirming forms, and the safety of the destructive buttons
 * (Delete policy asks with Cancel as the default, Apply new threshold can be undone).
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardAndSafetyTest {
    @TempDir
    static Path dir;

    private Path here;
    private Cache cache;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        here = Files.createTempDirectory(dir, "case");
        cache = Fixtures.smallBulkCache(here);
        SmtpFixtures.write(cache);
        context = UiFixture.context(cache, here, false);
        UiFixture.show(stage, context, View.MAIN_WINDOW, 1360, 860);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL).type(key).release(KeyCode.CONTROL);
    }

    private static boolean selected(FxRobot robot, String nav) {
        return robot.lookup(nav).queryAs(ToggleButton.class).isSelected();
    }

    private static Optional<Window> window(FxRobot robot, String title) {
        return robot.listTargetWindows().stream().filter(w -> w instanceof Stage s && title.equals(s.getTitle()) && s.isShowing())
                .findFirst();
    }

    @Test
    void controlOneToFourShowThePagesInNavigationOrder(FxRobot robot) {
        waitUntil(() -> selected(robot, "#navDashboard"));
        shortcut(robot, KeyCode.DIGIT3);
        waitUntil(() -> robot.lookup("#senderTable").tryQuery().isPresent());
        assertThat(selected(robot, "#navBulk")).isTrue();
        shortcut(robot, KeyCode.DIGIT4);
        waitUntil(() -> robot.lookup("#policyTable").tryQuery().isPresent());
        assertThat(selected(robot, "#navPolicies")).isTrue();
        shortcut(robot, KeyCode.DIGIT2);
        waitUntil(() -> selected(robot, "#navSmtpAuth"));
        assertThat(context.mainWindow().pageProperty().get()).isEqualTo(Page.SMTP_AUTH);
        shortcut(robot, KeyCode.DIGIT1);
        waitUntil(() -> selected(robot, "#navDashboard"));
        assertThat(context.mainWindow().pageProperty().get()).isEqualTo(Page.DASHBOARD);
    }

    @Test
    void controlOOpensTheImportDialogAndEscapeClosesIt(FxRobot robot) throws Exception {
        Path csv = Files.writeString(here.resolve("some.csv"), "x\n");
        context.setImportFilePicker(owner -> List.of(csv));
        shortcut(robot, KeyCode.O);
        String title = context.i18n().get("import.title");
        waitUntil(() -> window(robot, title).isPresent());
        assertThat(robot.lookup("#fileList").tryQuery()).isPresent();
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> window(robot, title).isEmpty());
    }

    @Test
    void controlFFocusesTheSearchFieldAndControlEExportsThePageTable(FxRobot robot) {
        shortcut(robot, KeyCode.DIGIT3);
        waitUntil(() -> context.bulk().resultProperty().get() != null);
        TextField search = robot.lookup("#searchField").queryAs(TextField.class);
        assertThat(search.isFocused()).isFalse();
        shortcut(robot, KeyCode.F);
        waitUntil(search::isFocused);
        robot.write("shop");
        waitUntil(() -> "shop".equals(search.getText()));

        shortcut(robot, KeyCode.E);
        Path written = here.resolve("Bulk sender insights.csv");
        waitUntil(() -> Files.exists(written));
        waitUntil(() -> robot.lookup("#toast").tryQuery().isPresent());
    }

    @Test
    void escapeClosesTheSenderPanel(FxRobot robot) {
        shortcut(robot, KeyCode.DIGIT3);
        waitUntil(() -> context.bulk().resultProperty().get() != null);
        waitUntil(() -> robot.lookup("spam@deals.example").tryQuery().isPresent());
        robot.interact(() -> {
            TableView<?> senders = robot.lookup("#senderTable").queryAs(TableView.class);
            senders.requestFocus();
            senders.getSelectionModel().select(0);
        });
        waitUntil(() -> robot.lookup("#panelRoot").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !robot.lookup("#panelRoot").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertThat(context.bulk().selectedProperty().get()).isNull();
    }

    private Optional<Policy> stored(String name) {
        try {
            return new PolicyStore(cache).find(name);
        } catch (org.mailflow.cache.CacheException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static TableView<Policy> policies(FxRobot robot) {
        return robot.lookup("#policyTable").queryAs(TableView.class);
    }

    @Test
    void enterSavesThePolicyForm(FxRobot robot) {
        shortcut(robot, KeyCode.DIGIT4);
        waitUntil(() -> policies(robot).getItems().size() == 4);
        robot.clickOn("#newButton");
        robot.write("Sales EMEA");
        Spinner<?> spinner = robot.lookup("#thresholdSpinner").queryAs(Spinner.class);
        robot.doubleClickOn(spinner.getEditor());
        robot.interact(() -> spinner.getEditor().selectAll());
        robot.write("5").type(KeyCode.ENTER);
        waitUntil(() -> policies(robot).getItems().contains(Policy.custom("Sales EMEA", 5)));
        assertThat(stored("Sales EMEA")).contains(Policy.custom("Sales EMEA", 5));
    }

    @Test
    void deletingAPolicyAsksFirstAndEnterMeansCancel(FxRobot robot) {
        shortcut(robot, KeyCode.DIGIT4);
        waitUntil(() -> policies(robot).getItems().size() == 4);
        robot.clickOn("Marketing");
        robot.clickOn("#deleteButton");
        Button delete = (Button) robot.lookup(".dialog-pane .button").match(n -> n instanceof Labeled l && "Delete".equals(l.getText())).query();
        Button cancel = robot.lookup("#cancelDialogButton").queryAs(Button.class);
        assertThat(delete.isDefaultButton()).isFalse();
        assertThat(cancel.isDefaultButton()).isTrue();
        waitUntil(cancel::isFocused);
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
        assertThat(stored("Marketing")).contains(Policy.custom("Marketing", 8));

        robot.clickOn("#deleteButton");
        Node again = robot.lookup(".dialog-pane .button").match(n -> n instanceof Labeled l && "Delete".equals(l.getText())).query();
        robot.clickOn(again);
        waitUntil(() -> policies(robot).getItems().size() == 3);
        assertThat(stored("Marketing")).isEmpty();
    }

    @Test
    void applyingANewThresholdCanBeUndoneFromTheNotification(FxRobot robot) {
        shortcut(robot, KeyCode.DIGIT3);
        waitUntil(() -> context.bulk().resultProperty().get() != null);
        robot.clickOn("#policyCombo").clickOn("Marketing (8)");
        waitUntil(() -> context.bulk().currentProperty().get() == 8);
        robot.interact(() -> context.bulk().newThresholdProperty().set(5));
        waitUntil(() -> !robot.lookup("#applyButton").queryAs(Button.class).isDisabled());
        robot.clickOn("#applyButton");
        waitUntil(() -> robot.lookup("#powerShellField").tryQuery().isPresent());
        assertThat(stored("Marketing")).contains(Policy.custom("Marketing", 5));
        robot.clickOn("Close");
        waitUntil(() -> robot.lookup("#toastAction").tryQuery().isPresent());
        assertThat(robot.lookup("#toast .toast-text").queryAs(Label.class).getText())
                .isEqualTo("Policy \"Marketing\": threshold 5 (was 8).");
        robot.clickOn("#toastAction");
        waitUntil(() -> stored("Marketing").equals(Optional.of(Policy.custom("Marketing", 8))));
        waitUntil(() -> context.bulk().currentProperty().get() == 8);
        assertThat(robot.lookup("#toast").tryQuery()).isEmpty();
    }

    @Test
    void escapeClosesTheDashboardFlyoutAndTheSettingsDialog(FxRobot robot) {
        waitUntil(() -> robot.lookup("#smtpSenders").tryQuery().map(n -> !((Labeled) n).getText().isEmpty()).orElse(false));
        robot.clickOn("#smtpSenders");
        waitUntil(() -> robot.lookup("#smtpFlyout").query().isVisible());
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !robot.lookup("#smtpFlyout").query().isVisible());

        shortcut(robot, KeyCode.COMMA);
        String title = context.i18n().get("settings.title");
        waitUntil(() -> window(robot, title).isPresent());
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> window(robot, title).isEmpty());
    }

    @Test
    void pruneHasCancelAsItsDefaultButton(FxRobot robot) {
        robot.clickOn("File").clickOn("Prune old data…");
        waitUntil(() -> robot.lookup("#pruneBefore").tryQuery().isPresent());
        Button delete = robot.lookup("#pruneDeleteButton").queryAs(Button.class);
        Button cancel = robot.lookup("#cancelDialogButton").queryAs(Button.class);
        assertThat(delete.isDefaultButton()).isFalse();
        assertThat(cancel.isDefaultButton()).isTrue();
        waitUntil(cancel::isFocused);
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#pruneBefore").tryQuery().isEmpty());
    }

    @Test
    void controlEOnTheSmtpAuthPageExportsItsTable(FxRobot robot) {
        shortcut(robot, KeyCode.DIGIT2);
        waitUntil(() -> robot.lookup("#searchField").tryQuery().map(Node::isVisible).orElse(false));
        shortcut(robot, KeyCode.E);
        waitUntil(() -> robot.lookup("#toast").tryQuery().isPresent());
        String shown = robot.lookup("#toast .toast-text").queryAs(Label.class).getText();
        assertThat(shown).startsWith(here.toString()).endsWith(".csv");
        assertThat(Path.of(shown)).exists();
    }
}
