package dev.dispatch.loadgen;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Imports point down only: the command on top, the scenarios (what is sent, what is counted), the local run's
 * tokens, and at the bottom the open-loop runner and its figures, which know nothing of what they drive.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.dispatch.loadgen";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesImportOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy(ROOT + ".cli..")
                .layer("scenario").definedBy(ROOT + ".scenario..")
                .layer("local").definedBy(ROOT + ".local..")
                .layer("core").definedBy(ROOT + ".core..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("scenario").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("local").mayOnlyBeAccessedByLayers("cli", "scenario")
                .whereLayer("core").mayOnlyBeAccessedByLayers("cli", "scenario")
                .check(PRODUCTION);
    }
}
