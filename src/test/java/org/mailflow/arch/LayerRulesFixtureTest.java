package org.mailflow.arch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link LayerRulesTest} fail on code that breaks them: deliberate fixtures in the test
 * sources (which LayerRulesTest itself leaves out) — two sub-packages of {@code org.mailflow.arch.fixture}
 * that know each other, a controller holding a cache, and a class of {@code org.mailflow.ui} that knows
 * {@code AppContext}.
 */
class LayerRulesFixtureTest {
    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages("org.mailflow.arch.fixture");

    @Test
    void theCycleRuleReportsACycleBetweenTwoSubPackages() {
        assertThatThrownBy(() -> LayerRulesTest.packagesHaveNoCycles().check(FIXTURE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("arch.fixture.page")
                .hasMessageContaining("arch.fixture.root");
    }

    @Test
    void theOldTopLevelCycleRuleDidNotLookAtSubPackagesAtAll() {
        // org.mailflow.(*) matches classes of org.mailflow.<one package> only: the classes of a sub-package
        // (app.importing, bulk.ui, …) were in no slice, so a cycle through them could never be reported
        assertThatThrownBy(() -> SlicesRuleDefinition.slices().matching("org.mailflow.(*)").should().beFreeOfCycles().check(FIXTURE))
                .hasMessageContaining("failed to check any classes");
        assertThatCode(() -> SlicesRuleDefinition.slices().matching("org.mailflow.(*)").should().beFreeOfCycles()
                .allowEmptyShould(true).check(FIXTURE)).doesNotThrowAnyException();
    }

    @Test
    void aControllerThatHoldsTheCacheFailsTheCacheRules() {
        assertThatThrownBy(() -> LayerRulesTest.controllersNeverDependOnTheCache.check(FIXTURE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("FixturePageController")
                .hasMessageContaining("org.mailflow.cache.Cache");
    }

    @Test
    void aSharedUiClassThatKnowsTheCompositionRootFailsThePageRule() {
        JavaClasses ui = new ClassFileImporter().importPackages("org.mailflow.ui.archfixture");
        assertThatThrownBy(() -> LayerRulesTest.pagesDoNotKnowTheCompositionRoot.check(ui))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("KnowsTheRoot")
                .hasMessageContaining("org.mailflow.app.AppContext");
    }
}
