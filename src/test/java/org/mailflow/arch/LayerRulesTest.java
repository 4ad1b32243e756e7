package org.mailflow.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The layers of STYLE.md as failing tests: storage, import and the pure logic (bulk, smtpauth, geo) never
 * touch JavaFX; no two packages (sub-packages included) depend on each other; the pages know the shared
 * {@code org.mailflow.ui} package and their own narrow interfaces, never the composition root
 * {@code org.mailflow.app}; controllers and the other view classes never reach the cache — only view
 * models (and the session they share) do. {@link LayerRulesFixtureTest} shows that these rules fail on
 * code that breaks them.
 */
@AnalyzeClasses(packages = "org.mailflow", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {
    /** The packages of the user interface: the composition root and its dialogs, the shared UI package, the report pages. */
    static final String[] UI_PACKAGES = {"org.mailflow.app..", "org.mailflow.ui..", "org.mailflow.bulk.ui..", "org.mailflow.smtpauth.ui.."};

    /** The UI classes that may read the cache: view models, the session every page shares, the error texts, the composition root. */
    static final DescribedPredicate<JavaClass> MAY_USE_THE_CACHE = DescribedPredicate.describe(
            "view models, CacheSession, ErrorMessages and the composition root", c -> {
                String top = c.getName().replaceAll("\\$.*", "");
                return top.endsWith("ViewModel") || Set.of("org.mailflow.ui.CacheSession", "org.mailflow.ui.ErrorMessages",
                        "org.mailflow.app.MailflowApp", "org.mailflow.app.AppContext").contains(top);
            });

    /** A class of a page or of the shared UI package: in a sub-package of app, in ui, bulk.ui or smtpauth.ui. */
    static final DescribedPredicate<JavaClass> PAGE_OR_SHARED_UI = DescribedPredicate.describe(
            "pages (app.*, bulk.ui, smtpauth.ui) and the shared ui package", c -> {
                String p = c.getPackageName();
                return p.startsWith("org.mailflow.app.") || p.equals("org.mailflow.ui") || p.startsWith("org.mailflow.ui.")
                        || p.startsWith("org.mailflow.bulk.ui") || p.startsWith("org.mailflow.smtpauth.ui");
            });

    @ArchTest
    static final ArchRule storageImportAndLogicAreFreeOfJavaFx = noClasses()
            .that().resideInAnyPackage("org.mailflow.cache..", "org.mailflow.ingest..", "org.mailflow.export..",
                    "org.mailflow.demo..", "org.mailflow.model..", "org.mailflow.cli..", "org.mailflow.geo..")
            .or().resideInAnyPackage("org.mailflow.bulk", "org.mailflow.smtpauth")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..")
            .because("the cache, the importers and the pure logic run headless and are tested without a toolkit");

    @ArchTest
    static final ArchRule theProductDoesNotNeedSpark = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "scala..",
                    "org.mailflow.fleet..")
            .because("Spark is provided only to the fleet job (src/fleet/java, SPEC 8): the desktop jar and the installers do not hold it");

    @ArchTest
    static final ArchRule theEngineDoesNotKnowTheUi = noClasses()
            .that().resideInAnyPackage("org.mailflow.cache..", "org.mailflow.ingest..", "org.mailflow.export..",
                    "org.mailflow.demo..", "org.mailflow.model..", "org.mailflow.geo..")
            .or().resideInAnyPackage("org.mailflow.bulk", "org.mailflow.smtpauth")
            .should().dependOnClassesThat().resideInAnyPackage(UI_PACKAGES)
            .orShould().dependOnClassesThat().resideInAnyPackage("org.mailflow.cli..");

    @ArchTest
    static final ArchRule controllersDoNoSql = noClasses()
            .that().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..")
            .because("controllers only wire nodes to view models");

    @ArchTest
    static final ArchRule controllersNeverDependOnTheCache = noClasses()
            .that().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat().resideInAPackage("org.mailflow.cache..")
            .because("controllers only wire nodes to view models; reading the cache is the view models' work");

    @ArchTest
    static final ArchRule onlyViewModelsReadTheCache = noClasses()
            .that().resideInAnyPackage(UI_PACKAGES).and(not(MAY_USE_THE_CACHE))
            .should().dependOnClassesThat().resideInAPackage("org.mailflow.cache..")
            .because("tables, dialogs, charts and controllers show what view models computed");

    @ArchTest
    static final ArchRule pagesDoNotKnowTheCompositionRoot = noClasses()
            .that(PAGE_OR_SHARED_UI)
            .should().dependOnClassesThat().resideInAPackage("org.mailflow.app")
            .because("only the composition root (app) knows every page; pages get narrow interfaces such as Navigator or ImportTarget");

    /**
     * Every package, sub-packages included ({@code (**)}: app, app.importing, bulk.ui … are slices of their
     * own), so that a page and the composition root cannot know each other.
     */
    @ArchTest
    static final ArchRule packagesHaveNoCycles = packagesHaveNoCycles();

    static ArchRule packagesHaveNoCycles() {
        return slices().matching("org.mailflow.(**)").should().beFreeOfCycles();
    }
}
