package dev.dispatch.iot.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The couriers' positions for the web dispatch board ({@code dispatch.board.*}). */
@ConfigMapping(prefix = "dispatch.board")
public interface BoardConfig {

    /** At most one position per courier this often: the board redraws a map, it does not need every reading. */
    @WithDefault("1s")
    Duration positionEvery();
}
