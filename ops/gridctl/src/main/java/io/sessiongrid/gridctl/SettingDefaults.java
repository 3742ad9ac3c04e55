package io.sessiongrid.gridctl;

import io.sessiongrid.client.config.Channel;
import io.sessiongrid.client.config.Component;
import io.sessiongrid.client.config.Setting;
import picocli.CommandLine;

import java.util.Map;
import java.util.Optional;

/**
 * Defaults of gridctl's options that are grid settings: the environment variable of the registry's spelling,
 * else the registry's default, so gridctl finds the grid a grid-node was started for with the same environment.
 */
final class SettingDefaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> environment;

    SettingDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argument) {
        if (!(argument instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        return Setting.named(Channel.COMMAND_LINE, option.longestName())
                .filter(s -> s.isReadBy(Component.GRIDCTL))
                .flatMap(s -> {
                    String variable = Channel.ENVIRONMENT.spell(s.key());
                    String given = environment.get(variable);
                    return given != null && !given.isBlank() ? Optional.of(given.trim()) : s.defaultValue();
                })
                .orElse(null);
    }
}
