package org.mailflow.bulk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.AppContext;
import org.mailflow.ui.View;
import org.mailflow.bulk.Policy;
import org.mailflow.cache.Cache;
import org.mailflow.cache.PolicyStore;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Policies page: built-ins read-only, custom policies created, validated, renamed and deleted. */
@ExtendWith(ApplicationExtension.class)
class PoliciesPageTest {
    @TempDir
    static Path dir;

    private Cache cache;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        Path here = Files.createTempDirectory(dir, "case");
        cache = Fixtures.smallBulkCache(here);
        context = UiFixture.context(cache, here, false);
        UiFixture.show(stage, context, View.POLICIES, 1200, 800);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    @SuppressWarnings("unchecked")
    private static TableView<Policy> table(FxRobot robot) {
        return robot.lookup("#policyTable").queryAs(TableView.class);
    }

    private static String problem(FxRobot robot) {
        Label l = robot.lookup("#problemLabel").queryAs(Label.class);
        return l.isVisible() ? l.getText() : "";
    }

    private static boolean saveEnabled(FxRobot robot) {
        return !robot.lookup("#saveButton").queryAs(Button.class).isDisabled();
    }

    private void typeThreshold(FxRobot robot, String value) {
        Spinner<?> spinner = robot.lookup("#thresholdSpinner").queryAs(Spinner.class);
        robot.doubleClickOn(spinner.getEditor());
        robot.interact(() -> spinner.getEditor().selectAll());
        robot.write(value);
    }

    private void typeName(FxRobot robot, String name) {
        TextField field = robot.lookup("#nameField").queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(name);
    }

    @Test
    void builtInPoliciesAreReadOnly(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 4);
        robot.clickOn("Standard preset");
        assertThat(robot.lookup("#nameField").queryAs(TextField.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#deleteButton").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#readOnlyNote").query().isVisible()).isTrue();
        assertThat(saveEnabled(robot)).isFalse();
    }

    @Test
    void creatingAPolicyValidatesItsNameAndThreshold(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 4);
        robot.clickOn("#newButton");
        assertThat(problem(robot)).isEqualTo("Enter a name for the policy.");
        assertThat(saveEnabled(robot)).isFalse();

        typeName(robot, "default");
        assertThat(problem(robot)).contains("built-in policy");
        typeName(robot, "MARKETING");
        assertThat(problem(robot)).isEqualTo("A policy called \"MARKETING\" already exists.");
        typeName(robot, "Sales EMEA");
        assertThat(problem(robot)).isEmpty();
        typeThreshold(robot, "12");
        assertThat(problem(robot)).isEqualTo("The bulk threshold must be a whole number from 1 to 9.");
        assertThat(saveEnabled(robot)).isFalse();
        typeThreshold(robot, "5");
        assertThat(problem(robot)).isEmpty();
        assertThat(saveEnabled(robot)).isTrue();

        robot.clickOn("#saveButton");
        waitUntil(() -> table(robot).getItems().size() == 5);
        assertThat(table(robot).getItems()).contains(Policy.custom("Sales EMEA", 5));
        assertThat(new PolicyStore(cache).find("sales emea")).contains(Policy.custom("Sales EMEA", 5));
        assertThat(robot.lookup("#messageLabel").queryAs(Label.class).getText()).isEqualTo("Created \"Sales EMEA\" with bulk threshold 5.");
    }

    @Test
    void renamingAndDeletingACustomPolicy(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 4);
        robot.clickOn("Marketing");
        assertThat(robot.lookup("#nameField").queryAs(TextField.class).getText()).isEqualTo("Marketing");
        typeName(robot, "Marketing EU");
        typeThreshold(robot, "6");
        robot.clickOn("#saveButton");
        waitUntil(() -> table(robot).getItems().contains(Policy.custom("Marketing EU", 6)));
        assertThat(new PolicyStore(cache).find("Marketing")).isEmpty();

        robot.clickOn("Marketing EU");
        robot.clickOn("#deleteButton");
        Node confirm = robot.lookup(".dialog-pane .button").match(n -> n instanceof Labeled l && "Delete".equals(l.getText())).query();
        robot.clickOn(confirm);
        waitUntil(() -> table(robot).getItems().size() == 3);
        assertThat(new PolicyStore(cache).all()).containsExactlyElementsOf(Policy.BUILT_IN);
    }
}
