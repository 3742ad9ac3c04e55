package io.sessiongrid.spring.boot;

import io.sessiongrid.client.config.SettingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused {@code sessiongrid.*} property into Boot's start-up report: what is wrong and where to look. */
final class SettingFailureAnalyzer extends AbstractFailureAnalyzer<SettingException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SettingException cause) {
        return new FailureAnalysis("The session grid's configuration is invalid: " + cause.getMessage(),
                "Correct the sessiongrid.* property named above; every property, its form and its default are"
                        + " listed in docs/configuration.md and in the IDE's property completion.", cause);
    }
}
