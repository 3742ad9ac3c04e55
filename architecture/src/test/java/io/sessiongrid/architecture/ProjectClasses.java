package io.sessiongrid.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The compiled main classes of every module of the project, as ArchUnit reads them from the class path. */
final class ProjectClasses {
    private ProjectClasses() {
    }

    static JavaClasses load() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sessiongrid");
    }
}
