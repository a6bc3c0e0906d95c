package dev.dispatch.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * One package per concern, imports pointing down only: the command on top, then the load benchmarks, the MQTT
 * connections of the couriers beside the CoAP sensor tags and their provisioning, the devices as pure state, and at
 * the bottom the wire contracts and the geometry (which know nothing of the rest).
 */
class ArchitectureTest {

    private static final String ROOT = "dev.dispatch.simulator";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesImportOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy(ROOT + ".cli..")
                .layer("load").definedBy(ROOT + ".load..")
                .layer("mqtt").definedBy(ROOT + ".mqtt..")
                .layer("coap").definedBy(ROOT + ".coap..")
                .layer("provision").definedBy(ROOT + ".provision..")
                .layer("device").definedBy(ROOT + ".device..")
                .layer("contract").definedBy(ROOT + ".contract..")
                .layer("geo").definedBy(ROOT + ".geo..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("load").mayOnlyBeAccessedByLayers("cli")
                // The couriers (MQTT) and the sensor tags (CoAP) know nothing of each other: the command wires a
                // courier's door events to the tags riding with it.
                .whereLayer("mqtt").mayOnlyBeAccessedByLayers("cli", "load")
                .whereLayer("coap").mayOnlyBeAccessedByLayers("cli", "load")
                .whereLayer("provision").mayOnlyBeAccessedByLayers("cli", "load")
                .whereLayer("device").mayOnlyBeAccessedByLayers("cli", "load", "mqtt", "coap")
                .whereLayer("contract").mayOnlyBeAccessedByLayers("cli", "load", "mqtt", "coap", "provision", "device")
                .whereLayer("geo").mayOnlyBeAccessedByLayers("cli", "load", "mqtt", "device")
                .check(PRODUCTION);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void everyClassLivesInAConcernsPackage() {
        classes().should()
                .resideInAnyPackage(ROOT + ".cli..", ROOT + ".load..", ROOT + ".mqtt..", ROOT + ".coap..", ROOT + ".provision..",
                        ROOT + ".device..", ROOT + ".contract..", ROOT + ".geo..")
                .check(PRODUCTION);
    }
}
