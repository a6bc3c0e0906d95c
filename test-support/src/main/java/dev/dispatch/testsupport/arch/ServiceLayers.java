package dev.dispatch.testsupport.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * The one layering rule of every Dispatch service, by direction of dependency (imports point down only):
 *
 * <pre>
 *   inbound adapters   rest, graphql, grpc, messaging, mqtt, coap, xmpp, websocket, sse, ...  (one package per protocol)
 *   use cases          service
 *   outbound ports     repository, outbox, and one package per client (e.g. payment)
 *   bottom             model (the domain), config (settings)
 * </pre>
 *
 * An inbound package may use anything below it but never another inbound package, so "how is protocol X done here"
 * is one package to open. {@code service} uses the outbound ports and the bottom; an outbound package uses other
 * outbound packages and the bottom, never {@code service}; {@code config} may use {@code model}; {@code model} uses
 * nothing else of the service. Every production class lives in one of the named packages (or below them).
 */
public final class ServiceLayers {

    private final String base;
    private final List<String> inbound = new ArrayList<>();
    private final List<String> outbound = new ArrayList<>();

    private ServiceLayers(String base) {
        this.base = base;
    }

    /** The service's root package, e.g. {@code dev.dispatch.order}. */
    public static ServiceLayers of(String basePackage) {
        return new ServiceLayers(basePackage);
    }

    /** The inbound adapter packages (simple names below the root), one per protocol. */
    public ServiceLayers inbound(String... packages) {
        inbound.addAll(List.of(packages));
        return this;
    }

    /** The outbound port packages (simple names below the root). */
    public ServiceLayers outbound(String... packages) {
        outbound.addAll(List.of(packages));
        return this;
    }

    /** The service's production classes (tests excluded). */
    public JavaClasses importProductionClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(base);
    }

    /** Fails with every offending dependency listed. */
    public void check() {
        JavaClasses classes = importProductionClasses();
        rule().check(classes);
        List<String> known = new ArrayList<>();
        known.add(pkg("model"));
        known.add(pkg("config"));
        known.add(pkg("service"));
        inbound.forEach(p -> known.add(pkg(p)));
        outbound.forEach(p -> known.add(pkg(p)));
        classes().should().resideInAnyPackage(known.toArray(String[]::new))
                .because("every class belongs to a layer: model, config, service, an outbound port " + outbound
                        + " or an inbound adapter " + inbound)
                .check(classes);
    }

    /** The layered-architecture rule itself (for a custom check). */
    public LayeredArchitecture rule() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("model").definedBy(pkg("model"))
                .layer("config").definedBy(pkg("config"))
                .layer("service").definedBy(pkg("service"))
                .optionalLayer("outbound").definedBy(outbound.stream().map(this::pkg).toArray(String[]::new));
        for (String p : inbound) {
            layers = layers.optionalLayer(p).definedBy(pkg(p));
        }
        String[] inboundLayers = inbound.toArray(String[]::new);
        String[] aboveOutbound = concat(inboundLayers, "service");
        String[] aboveConfig = concat(aboveOutbound, "outbound");
        layers = layers.whereLayer("service").mayOnlyBeAccessedByLayers(inboundLayers)
                .whereLayer("outbound").mayOnlyBeAccessedByLayers(aboveOutbound)
                .whereLayer("config").mayOnlyBeAccessedByLayers(aboveConfig);
        for (String p : inbound) {
            layers = layers.whereLayer(p).mayNotBeAccessedByAnyLayer();
        }
        return layers.withOptionalLayers(true);
    }

    private String pkg(String simple) {
        return base + "." + simple + "..";
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
