package io.sessiongrid.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering the modules promise, checked on their compiled classes: each layer depends only downward, the
 * internal record model stays inside grid-client, and no two packages depend on each other.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void read() {
        classes = ProjectClasses.load();
        for (String module : new String[]{"client.api", "node.server", "servlet", "spring.boot", "gridctl", "demo"}) {
            assertTrue(classes.containPackage("io.sessiongrid." + module), module + " is on the class path");
        }
    }

    @Test
    void eachLayerDependsOnlyOnTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("io.sessiongrid..")
                .layer("settings registry").definedBy("io.sessiongrid.client.config..")
                .layer("store API").definedBy("io.sessiongrid.client.api..")
                .layer("record model").definedBy("io.sessiongrid.client.core..")
                .layer("stores").definedBy("io.sessiongrid.client.hazelcast..", "io.sessiongrid.client.local..")
                .layer("servlet integration").definedBy("io.sessiongrid.servlet..")
                .layer("Spring integration").definedBy("io.sessiongrid.spring..")
                .layer("programs").definedBy("io.sessiongrid.node..", "io.sessiongrid.gridctl..",
                        "io.sessiongrid.demo..")
                .whereLayer("programs").mayNotBeAccessedByAnyLayer()
                .whereLayer("Spring integration").mayOnlyBeAccessedByLayers("programs")
                .whereLayer("servlet integration").mayOnlyBeAccessedByLayers("Spring integration", "programs")
                .whereLayer("stores").mayOnlyBeAccessedByLayers("servlet integration", "Spring integration",
                        "programs")
                .whereLayer("record model").mayOnlyBeAccessedByLayers("stores")
                .whereLayer("store API").mayOnlyBeAccessedByLayers("record model", "stores", "servlet integration",
                        "Spring integration", "programs")
                .check(classes);
    }

    @Test
    void theProgramsDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("io.sessiongrid.node..").should().dependOnClassesThat()
                .resideInAnyPackage("io.sessiongrid.gridctl..", "io.sessiongrid.demo..", "io.sessiongrid.servlet..")
                .check(classes);
        noClasses().that().resideInAPackage("io.sessiongrid.gridctl..").should().dependOnClassesThat()
                .resideInAnyPackage("io.sessiongrid.node..", "io.sessiongrid.demo..", "io.sessiongrid.servlet..")
                .check(classes);
        noClasses().that().resideInAPackage("io.sessiongrid.demo..").should().dependOnClassesThat()
                .resideInAnyPackage("io.sessiongrid.node..", "io.sessiongrid.gridctl..")
                .check(classes);
    }

    @Test
    void noPackagesDependOnEachOther() {
        slices().matching("io.sessiongrid.(**)").should().beFreeOfCycles().check(classes);
    }
}
