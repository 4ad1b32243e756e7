package org.mailflow.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layers of STYLE.md as failing tests: storage, import and the pure logic (bulk, smtpauth, geo) never touch JavaFX. */
@AnalyzeClasses(packages = "org.mailflow", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {
    @ArchTest
    static final ArchRule storageImportAndLogicAreFreeOfJavaFx = noClasses()
            .that().resideInAnyPackage("org.mailflow.cache..", "org.mailflow.ingest..", "org.mailflow.export..",
                    "org.mailflow.demo..", "org.mailflow.model..", "org.mailflow.cli..", "org.mailflow.geo..")
            .or().resideInAnyPackage("org.mailflow.bulk", "org.mailflow.smtpauth")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..")
            .because("the cache, the importers and the pure logic run headless and are tested without a toolkit");

    @ArchTest
    static final ArchRule theEngineDoesNotKnowTheUi = noClasses()
            .that().resideInAnyPackage("org.mailflow.cache..", "org.mailflow.ingest..", "org.mailflow.export..",
                    "org.mailflow.demo..", "org.mailflow.model..", "org.mailflow.geo..")
            .or().resideInAnyPackage("org.mailflow.bulk", "org.mailflow.smtpauth")
            .should().dependOnClassesThat().resideInAnyPackage("org.mailflow.app..", "org.mailflow.bulk.ui..",
                    "org.mailflow.smtpauth.ui..", "org.mailflow.cli..");

    @ArchTest
    static final ArchRule controllersDoNoSql = noClasses()
            .that().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..")
            .because("controllers only wire nodes to view models");

    /** Top-level packages only: the views (bulk.ui, app.*) and their composition root (app) know each other by design. */
    @ArchTest
    static final ArchRule topLevelPackagesHaveNoCycles = slices().matching("org.mailflow.(*)").should().beFreeOfCycles();
}
